using System.Text.Json;
using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Tests;

/// <summary>End to end on files: a generated stream with one injected regression shows it on that key and no other.</summary>
public class GeneratedDegradationTests
{
    private static readonly DateTimeOffset Onset = GeneratorOptions.DefaultStart.AddHours(6);

    private sealed record Pooled(long Before, long BeforeN, long After, long AfterN)
    {
        public double RateBefore => (double)Before / BeforeN;

        public double RateAfter => (double)After / AfterN;

        /// <summary>Four standard errors of the before/after difference under no change: a bound noise stays within.</summary>
        public double NoiseBound
        {
            get
            {
                var p = (double)(Before + After) / (BeforeN + AfterN);
                return 4 * Math.Sqrt(Math.Max(p * (1 - p), 0.01) * ((1.0 / BeforeN) + (1.0 / AfterN)));
            }
        }
    }

    private static async Task<Dictionary<(string Variant, string Slice), Pooled>> ReplayGenerated(TempDirectory dir, string degradation, string metric, string countMetric, string kind)
    {
        var options = new GeneratorOptions
        {
            Records = 80_000,
            Duration = TimeSpan.FromHours(12),
            Seed = 7,
            Degradations = [Degradation.Parse(degradation)],
        };
        StreamFileWriter.Write(options, dir.File("in.jsonl"), null);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"));
        Assert.True(exit == 0, error);

        var pooled = new Dictionary<(string, string), Pooled>();
        foreach (var line in File.ReadLines(dir.File("out/windows.jsonl")))
        {
            var w = JsonDocument.Parse(line).RootElement;
            var metrics = w.GetProperty("metrics");
            if (w.GetProperty("kind").GetString() != kind || !metrics.TryGetProperty(metric, out var rate))
            {
                continue;
            }

            var n = (long)metrics.GetProperty(countMetric).GetDouble();
            var hits = (long)Math.Round(rate.GetDouble() * n);
            var key = (w.GetProperty("variant").GetString()!, w.GetProperty("slice").GetString()!);
            var p = pooled.GetValueOrDefault(key) ?? new Pooled(0, 0, 0, 0);
            pooled[key] = DateTimeOffset.Parse(w.GetProperty("window_start").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= Onset
                ? p with { After = p.After + hits, AfterN = p.AfterN + n }
                : p with { Before = p.Before + hits, BeforeN = p.BeforeN + n };
        }

        return pooled;
    }

    [Fact]
    public async Task Replay_InjectedUnsafeMissOnOneSegment_ShowsOnThatKeyOnly()
    {
        using var dir = new TempDirectory();
        var pooled = await ReplayGenerated(dir, "variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.5", "unsafe_miss_rate", "positive_count", "labels");

        var degraded = pooled[("int8-dynamic", "locale=de")];
        Assert.True(degraded.RateAfter - degraded.RateBefore > 0.25, $"before {degraded.RateBefore:F3}, after {degraded.RateAfter:F3}");
        foreach (var ((variant, slice), p) in pooled)
        {
            if ((variant, slice) is ("int8-dynamic", "locale=de") or ("int8-dynamic", "all") || p.BeforeN < 100 || p.AfterN < 100)
            {
                continue;
            }

            Assert.True(Math.Abs(p.RateAfter - p.RateBefore) < p.NoiseBound, $"{variant}/{slice}: before {p.RateBefore:F3} (n={p.BeforeN}), after {p.RateAfter:F3} (n={p.AfterN})");
        }
    }

    [Fact]
    public async Task Replay_InjectedFlaggedRate_ShowsOnThatVariantOnly()
    {
        using var dir = new TempDirectory();
        var pooled = await ReplayGenerated(dir, "variant=pruned-50,kind=flagged-rate,start=6h,size=0.2", "flagged_rate", "flagged_count", "traffic");

        foreach (var ((variant, slice), p) in pooled)
        {
            var change = p.RateAfter - p.RateBefore;
            if (variant == "pruned-50")
            {
                Assert.True(change > 0.15, $"{variant}/{slice}: change {change:F3}");
            }
            else if (p.BeforeN >= 100 && p.AfterN >= 100)
            {
                Assert.True(Math.Abs(change) < p.NoiseBound, $"{variant}/{slice}: before {p.RateBefore:F3}, after {p.RateAfter:F3}, bound {p.NoiseBound:F3}");
            }
        }
    }
}
