using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation.Tests;

/// <summary>The LLM assistant model: its clean rates, the two refusal degradations, model filters and the slice mix.</summary>
public sealed class AssistantModelTests
{
    private static readonly GeneratorOptions Assistant = TestStreams.Clean(40_000, seed: 3) with
    {
        Models = [],
        AssistantModels = ["assistant-llm"],
    };

    [Fact]
    public void Generate_CleanAssistant_RefusesEightyFivePercentOfHarmfulAndTwelvePercentOverall()
    {
        var records = TestStreams.Predictions(Assistant);
        var harmful = records.Where(p => p.Label == "unsafe").ToList();

        Assert.InRange(harmful.Count / (double)records.Count, 0.10, 0.14);
        Assert.InRange(RefusalRate(harmful), 0.82, 0.88);
        Assert.InRange(RefusalRate(records), 0.10, 0.14);
        Assert.All(records, p => Assert.Null(p.Prediction.Probabilities));
        Assert.All(records, p => Assert.Equal(p.Safety!.Refused == true ? "unsafe" : "safe", p.Prediction.Label));
        Assert.DoesNotContain(records, p => p.Safety!.Refused == true && p.Safety.Flagged == true);
        var flaggedPrompts = records.Where(p => p.Safety!.PromptFlagged == true).ToList();
        Assert.InRange(flaggedPrompts.Count(p => p.Label == "unsafe") / (double)flaggedPrompts.Count, 0.85, 1.0);
    }

    [Fact]
    public void Generate_UnderRefusal_HarmfulRefusalFallsToFortyFivePercentMoreFlaggedAnswersOthersUnchanged()
    {
        var degraded = TestStreams.Predictions(Assistant with
        {
            Variants = [VariantSpec.Parse("int4-awq:quantization:4"), VariantSpec.Parse("int8:quantization:8")],
            Degradations = [Degradation.Parse("variant=int4-awq,kind=under-refusal,size=0.4,start=12h")],
        });
        var cleanSame = TestStreams.Predictions(Assistant with
        {
            Variants = [VariantSpec.Parse("int4-awq:quantization:4"), VariantSpec.Parse("int8:quantization:8")],
        });
        bool Target(PredictionRecord p) => p.Variant == "int4-awq" && p.Timestamp >= GeneratorOptions.DefaultStart.AddHours(12);

        var target = degraded.Where(Target).ToList();
        Assert.InRange(RefusalRate(target.Where(p => p.Label == "unsafe")), 0.40, 0.50);
        Assert.InRange(RefusalRate(target), 0.05, 0.09);
        // 12% harmful x 40 points fewer refusals x 60% of such answers flagged: about 3 points more flagged answers.
        Assert.InRange(FlaggedRate(target) - FlaggedRate(cleanSame.Where(Target)), 0.015, 0.045);
        Assert.All(cleanSame.Zip(degraded).Where(p => !Target(p.Second)), p => Assert.Equal(Signals(p.First), Signals(p.Second)));
    }

    [Fact]
    public void Generate_OverRefusal_BenignRefusalRisesBySize()
    {
        var degraded = TestStreams.Predictions(Assistant with { Degradations = [Degradation.Parse("variant=pruned-50,kind=over-refusal,size=0.1")] });

        var benign = degraded.Where(p => p.Variant == "pruned-50" && p.Label == "safe");
        var otherBenign = degraded.Where(p => p.Variant == "int8-dynamic" && p.Label == "safe");

        Assert.InRange(RefusalRate(benign) - RefusalRate(otherBenign), 0.08, 0.12);
    }

    [Fact]
    public void Generate_DegradationOnOneModel_LeavesTheOtherModelUnchanged()
    {
        var both = Assistant with { Models = ["toxicity-guard"] };
        var clean = TestStreams.Predictions(both);
        var degraded = TestStreams.Predictions(both with { Degradations = [Degradation.Parse("model=toxicity-guard,variant=int8-dynamic,kind=refusal,size=0.3")] });

        var pairs = clean.Zip(degraded).ToList();
        Assert.All(pairs.Where(p => p.First.Model == "assistant-llm"), p => Assert.Equal(Signals(p.First), Signals(p.Second)));
        Assert.Contains(pairs, p => p.First.Model == "toxicity-guard" && Signals(p.First) != Signals(p.Second));
    }

    [Fact]
    public void Generate_PromptFlaggedRateZero_RecordsOmitTheVerdict()
    {
        var records = TestStreams.Predictions(Assistant with { Records = 2_000, PromptFlaggedRate = 0 });

        Assert.All(records, p => Assert.Null(p.Safety!.PromptFlagged));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void Generate_SliceValues_EachAttributeHasThatManyValuesWithZipfShares(int values)
    {
        var records = TestStreams.Predictions(TestStreams.Clean(30_000) with { SliceValues = values });

        var locales = records.GroupBy(p => p.Segment["locale"]).ToDictionary(g => g.Key, g => g.Count() / (double)records.Count);
        Assert.Equal(values, locales.Count);
        Assert.Equal(values, records.Select(p => p.Segment["channel"]).Distinct().Count());
        var harmonic = Enumerable.Range(1, values).Sum(k => 1.0 / k);
        Assert.InRange(locales["en"], (1 / harmonic) - 0.02, (1 / harmonic) + 0.02);
        Assert.InRange(locales["de"], (0.5 / harmonic) - 0.02, (0.5 / harmonic) + 0.02);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    public void Validate_SliceValuesOutOfRange_Throws(int values) =>
        Assert.Throws<ArgumentException>(() => (TestStreams.Clean(10) with { SliceValues = values }).Validate());

    private static (bool?, bool?, bool?, string) Signals(PredictionRecord p) =>
        (p.Safety!.Flagged, p.Safety.Refused, p.Safety.PromptFlagged, string.Join(',', p.Safety.Categories));

    private static double RefusalRate(IEnumerable<PredictionRecord> records) => records.Average(p => p.Safety!.Refused == true ? 1.0 : 0.0);

    private static double FlaggedRate(IEnumerable<PredictionRecord> records) => records.Average(p => p.Safety!.Flagged == true ? 1.0 : 0.0);
}
