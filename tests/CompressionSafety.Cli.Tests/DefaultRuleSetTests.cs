using CompressionSafety.Simulation;
using Xunit.Abstractions;

namespace CompressionSafety.Cli.Tests;

/// <summary>
/// Tunes and guards the shipped <c>alert-rules/</c>: each injected degradation is caught within 2 windows of its onset on
/// the degraded variant only, and clean generated 24-hour streams raise no incident at several seeds and volumes.
/// </summary>
public sealed class DefaultRuleSetTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Onset = TimeSpan.FromHours(2);

    [Theory]
    [InlineData("unsafe-miss", "int8-dynamic", 0.4, "unsafe-miss-regression-vs-baseline")]
    [InlineData("flagged-rate", "int8-dynamic", 0.2, "flagged-rate-increase-vs-baseline")]
    [InlineData("refusal", "distilled-small", 0.1, "over-refusal-vs-baseline")]
    [InlineData("calibration", "int8-dynamic", 0.6, "calibration-degradation")]
    [InlineData("latency", "pruned-50", 1.0, "latency-regression-vs-baseline")]
    public async Task Replay_InjectedDegradation_CaughtWithinTwoWindowsOnDegradedVariantOnly(string kind, string variant, double size, string expectedRule)
    {
        using var dir = new TempDirectory();
        var options = new GeneratorOptions
        {
            Seed = 7,
            Records = 100_000,
            Duration = TimeSpan.FromHours(4),
            DelayedLabelRate = 0.9,
            Degradations = [Degradation.Parse($"variant={variant},kind={kind},size={size.ToString(System.Globalization.CultureInfo.InvariantCulture)},start=2h")],
        };

        var incidents = await ReplayAsync(dir, options);

        var firing = incidents.Where(i => i.Status == "firing").ToList();
        Assert.NotEmpty(firing);
        Assert.All(firing, i => Assert.Equal(variant, i.Variant));
        var onset = GeneratorOptions.DefaultStart + Onset;
        var first = firing.Where(i => i.Rule == expectedRule).Min(i => i.WindowStart);
        var delay = (int)((first - onset) / Window);
        output.WriteLine($"{kind}: first {expectedRule} firing {delay} windows after onset; {firing.Count} firing incidents");
        Assert.InRange(delay, 0, 2);
        Assert.DoesNotContain(firing, i => i.WindowStart < onset);
    }

    /// <summary>
    /// A regression on one segment (locale=de, about 13% of traffic) at the demo's volume: 100,000 records per simulated
    /// hour, 90% labelled, so the degraded key sees about 270 records and 35 labelled unsafe inputs per 5-minute window.
    /// The degraded (variant, segment) key must fire within 2 windows of the onset. The regression also shows, diluted,
    /// in the slices that contain the segment (all, channel=*), where distribution rules may fire too; it must never fire
    /// on another variant or on another locale.
    /// </summary>
    [Theory]
    [InlineData(1, "unsafe-miss", "int8-dynamic", 0.4, "paired-regression-cusum-vs-shadow")]
    [InlineData(2, "unsafe-miss", "int8-dynamic", 0.4, "paired-regression-cusum-vs-shadow")]
    [InlineData(3, "unsafe-miss", "pruned-50", 0.4, "paired-regression-cusum-vs-shadow")]
    [InlineData(1, "flagged-rate", "int8-dynamic", 0.2, "flagged-rate-increase-vs-baseline")]
    [InlineData(1, "refusal", "distilled-small", 0.1, "over-refusal-vs-baseline")]
    [InlineData(1, "calibration", "int8-dynamic", 0.6, "calibration-degradation")]
    [InlineData(1, "latency", "pruned-50", 1.0, "latency-regression-vs-baseline")]
    public async Task Replay_SegmentDegradation_CaughtWithinTwoWindowsOnDegradedSegment(int seed, string kind, string variant, double size, string expectedRule)
    {
        using var dir = new TempDirectory();
        var onsetOffset = TimeSpan.FromHours(1);
        var options = new GeneratorOptions
        {
            Seed = seed,
            Records = 150_000,
            Duration = TimeSpan.FromMinutes(90),
            DelayedLabelRate = 0.9,
            Degradations = [Degradation.Parse($"variant={variant},segment=locale:de,kind={kind},size={size.ToString(System.Globalization.CultureInfo.InvariantCulture)},start=1h")],
        };

        var incidents = await ReplayAsync(dir, options);

        var firing = incidents.Where(i => i.Status == "firing").ToList();
        var onset = GeneratorOptions.DefaultStart + onsetOffset;
        var onKey = firing.Where(i => i.Rule == expectedRule && i.Slice == "locale=de").ToList();
        Assert.NotEmpty(onKey);
        var delay = (int)((onKey.Min(i => i.WindowStart) - onset) / Window);
        output.WriteLine($"{kind} on {variant}/locale=de (seed {seed}): first {expectedRule} firing {delay} windows after onset; " +
            $"firing: {string.Join(", ", firing.Select(i => $"{i.Rule}@{i.Variant}/{i.Slice}"))}");
        Assert.InRange(delay, 0, 2);
        Assert.All(firing, i => Assert.Equal(variant, i.Variant));
        Assert.DoesNotContain(firing, i => i.Slice.StartsWith("locale=", StringComparison.Ordinal) && i.Slice != "locale=de");
        Assert.DoesNotContain(firing, i => i.WindowStart < onset);
    }

    /// <summary>
    /// Issue 17: a guard and an LLM assistant, three compressed variants each, at 40 events/s (about 1,500 records per
    /// variant per 5-minute window). A 4-bit assistant that refuses 45% instead of 85% of harmful requests from 1 h must
    /// fire within 3 windows on that model and variant only; with only the guard degraded, the untouched assistant
    /// variants must stay silent on every slice (the multiplicity false alarm of the issue). <paramref name="expectedRules"/>
    /// lists the rules any of which may come first: a guard's flagged answers are also harmful compliance (critical, so it
    /// inhibits the flagged-rate warning), and with prompt_flagged the benign-request rule sees over-refusal sooner.
    /// </summary>
    [Theory]
    [InlineData(1, true, "model=assistant-llm,variant=int4-awq,kind=under-refusal,size=0.4", "assistant-llm", "int4-awq", "under-refusal-vs-baseline")]
    [InlineData(2, false, "model=assistant-llm,variant=int4-awq,kind=under-refusal,size=0.4", "assistant-llm", "int4-awq", "under-refusal-vs-baseline")]
    [InlineData(3, true, "model=assistant-llm,variant=int4-awq,kind=over-refusal,size=0.05", "assistant-llm", "int4-awq", "over-refusal-vs-baseline|benign-over-refusal-vs-baseline")]
    [InlineData(4, true, "model=toxicity-guard,variant=int8-dynamic,kind=flagged-rate,size=0.2", "toxicity-guard", "int8-dynamic", "flagged-rate-increase-vs-baseline|harmful-compliance-increase-vs-baseline")]
    public async Task Replay_LlmAssistantAtFortyEventsPerSecond_CaughtWithinThreeWindowsOnThatModelAndVariantOnly(
        int seed, bool promptFlagged, string degradation, string model, string variant, string expectedRules)
    {
        using var dir = new TempDirectory();
        var options = LlmStream(seed, TimeSpan.FromHours(2)) with
        {
            PromptFlaggedRate = promptFlagged ? 1.0 : 0.0,
            Degradations = [Degradation.Parse(degradation + ",start=1h")],
        };

        var incidents = await ReplayAsync(dir, options);

        var firing = incidents.Where(i => i.Status == "firing").ToList();
        output.WriteLine($"{degradation} (seed {seed}): {string.Join(", ", firing.Select(i => $"{i.Rule}@{i.Model}/{i.Variant}/{i.Slice}"))}");
        Assert.All(firing, i => Assert.Equal((model, variant), (i.Model, i.Variant)));
        var onset = GeneratorOptions.DefaultStart + TimeSpan.FromHours(1);
        var expected = expectedRules.Split('|');
        var first = firing.Where(i => expected.Contains(i.Rule) && i.Slice == "all").Select(i => i.WindowStart).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        Assert.InRange((int)((first - onset) / Window), 0, 3);
        Assert.DoesNotContain(firing, i => i.WindowStart < onset);
    }

    /// <summary>Clean 3-hour streams of the guard and the assistant at 40 events/s with 4 and 16 values per attribute: no incident.</summary>
    [Theory]
    [InlineData(5, 4)]
    [InlineData(6, 16)]
    public async Task Replay_CleanLlmStreamManySlices_RaisesNoIncident(int seed, int sliceValues)
    {
        using var dir = new TempDirectory();

        var incidents = await ReplayAsync(dir, LlmStream(seed, TimeSpan.FromHours(3)) with { SliceValues = sliceValues });

        Assert.Empty(incidents);
    }

    /// <summary>
    /// A clean 6-hour stream at a quarter of issue 17's volume (10 events/s): an untouched assistant variant's p95 over
    /// ~150 records of a slice scatters by tens of milliseconds around 530 ms. The latency rule's former absolute 5 ms
    /// margin fired on it (seed 1: assistant-llm/pruned-50/channel=web); its relative threshold must not.
    /// </summary>
    [Fact]
    public async Task Replay_CleanLlmStreamAtQuarterVolume_RaisesNoIncident()
    {
        using var dir = new TempDirectory();
        var options = LlmStream(1, TimeSpan.FromHours(6)) with { Records = 216_000 };

        var incidents = await ReplayAsync(dir, options);

        Assert.Empty(incidents);
    }

    private static GeneratorOptions LlmStream(int seed, TimeSpan duration) => new()
    {
        Seed = seed,
        Records = (long)(40 * duration.TotalSeconds),
        Duration = duration,
        AssistantModels = ["assistant-llm"],
        Variants = [VariantSpec.Parse("int4-awq:quantization:4"), VariantSpec.Parse("int8-dynamic:quantization:8"), VariantSpec.Parse("pruned-50:pruning:0.5")],
    };

    [Theory]
    [InlineData(1, 30_000)]
    [InlineData(2, 30_000)]
    [InlineData(3, 60_000)]
    [InlineData(4, 60_000)]
    [InlineData(5, 120_000)]
    public async Task Replay_CleanDay_RaisesNoIncident(int seed, long records)
    {
        using var dir = new TempDirectory();

        var incidents = await ReplayAsync(dir, new GeneratorOptions { Seed = seed, Records = records });

        Assert.Empty(incidents);
    }

    [Fact]
    public async Task Replay_SameInputTwice_SameIncidentIds()
    {
        using var dir = new TempDirectory();
        var options = new GeneratorOptions
        {
            Seed = 11,
            Records = 60_000,
            Duration = TimeSpan.FromHours(3),
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,size=0.25,start=1h")],
        };
        StreamFileWriter.Write(options, dir.File("in.jsonl"), null);

        var first = await RunReplayAsync(dir, "out1");
        var second = await RunReplayAsync(dir, "out2");

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(i => (i.Id, i.Status)), second.Select(i => (i.Id, i.Status)));
        Assert.Equal(first.Count(i => i.Status == "firing"), first.Select(i => i.Id).Distinct().Count());
    }

    private static async Task<List<IncidentLine>> ReplayAsync(TempDirectory dir, GeneratorOptions options)
    {
        StreamFileWriter.Write(options, dir.File("in.jsonl"), null);
        return await RunReplayAsync(dir, "out");
    }

    private static async Task<List<IncidentLine>> RunReplayAsync(TempDirectory dir, string name)
    {
        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-o", dir.File(name), "--rules", RepoPaths.DefaultRules);
        Assert.True(exit == 0, error);
        return IncidentLine.Read(Path.Combine(dir.File(name), "incidents.jsonl"));
    }
}
