using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation.Tests;

/// <summary>
/// A degraded stream draws the same random numbers as the clean one with the same seed, so the two are compared record
/// by record: only the targeted records may differ, and the targeted rate must move by about the size.
/// </summary>
public class DegradationEffectTests
{
    private (List<GeneratedLine> Clean, List<GeneratedLine> Degraded) LastPair { get; set; }

    private static readonly DateTimeOffset Start = GeneratorOptions.DefaultStart + TimeSpan.FromHours(12);

    [Fact]
    public void UnsafeMiss_TargetVariantSegmentAfterStart_MissRateRisesOthersUnchanged()
    {
        var (clean, degraded) = Pair("variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=12h,size=0.6");
        var target = Targeted(degraded, "int8-dynamic", "de");

        var before = StreamGeneratorRateTests.MissRate(clean.Where(p => target(p)));
        var after = StreamGeneratorRateTests.MissRate(degraded.Where(p => target(p)));

        // Expected after = before + (1 - before) * 0.6.
        Assert.InRange(after, before + ((1 - before) * 0.6) - 0.1, before + ((1 - before) * 0.6) + 0.1);
        AssertUnchangedOutside(clean, degraded, target);
    }

    [Fact]
    public void FlaggedRate_TargetAfterStart_RisesBySize()
    {
        var (clean, degraded) = Pair("variant=pruned-50,segment=channel:mobile,kind=flagged-rate,start=12h,size=0.2");
        var target = Targeted(degraded, "pruned-50", null, "mobile");

        var delta = FlaggedRate(degraded.Where(p => target(p))) - FlaggedRate(clean.Where(p => target(p)));

        Assert.InRange(delta, 0.15, 0.25);
        AssertUnchangedOutside(clean, degraded, target);
    }

    [Fact]
    public void Calibration_TargetAfterStart_ProbabilitiesPulledTowardHalf()
    {
        var (clean, degraded) = Pair("variant=distilled-small,kind=calibration,start=2026-11-26T12:00:00Z,size=0.5");
        var target = Targeted(degraded, "distilled-small", null);

        foreach (var (c, d) in clean.Zip(degraded).Where(p => target(p.Second)))
        {
            var expected = 0.5 + ((c.Prediction.ProbabilityOf("unsafe")!.Value - 0.5) * 0.5);
            Assert.Equal(expected, d.Prediction.ProbabilityOf("unsafe")!.Value, 2e-6);
        }

        AssertUnchangedOutside(clean, degraded, target);
    }

    [Fact]
    public void Latency_TargetAfterStart_MultipliedByOnePlusSize()
    {
        var (clean, degraded) = Pair("variant=int8-dynamic,kind=latency,start=12h,size=1.5");
        var target = Targeted(degraded, "int8-dynamic", null);

        Assert.All(clean.Zip(degraded).Where(p => target(p.Second)), p => Assert.Equal(p.First.LatencyMs!.Value * 2.5, p.Second.LatencyMs!.Value, 0.002));
        AssertUnchangedOutside(clean, degraded, target);
    }

    [Fact]
    public void InputDrift_AllVariantsInSegment_FeatureF1ShiftedPredictionsUnchanged()
    {
        var (clean, degraded) = Pair("segment=locale:fr,kind=input-drift,start=12h,size=2");
        Func<PredictionRecord, bool> target = p => p.Timestamp >= Start && p.Segment["locale"] == "fr";

        var pairs = clean.Zip(degraded).Where(p => target(p.Second)).ToList();
        Assert.Equal(4, pairs.Select(p => p.Second.Variant).Distinct().Count());
        Assert.All(pairs, p =>
        {
            Assert.Equal(p.First.Input!.Features["f1"] + 2, p.Second.Input!.Features["f1"], 2e-4);
            Assert.Equal(p.First.Prediction.ProbabilityOf("unsafe"), p.Second.Prediction.ProbabilityOf("unsafe"));
        });
        AssertUnchangedOutside(clean, degraded, target);
    }


    private (List<PredictionRecord> Clean, List<PredictionRecord> Degraded) Pair(string spec)
    {
        var degradedLines = TestStreams.Lines(TestStreams.SharedCleanOptions with { Degradations = [Degradation.Parse(spec)] });
        var clean = TestStreams.SharedCleanPredictions;
        var cleanLines = TestStreams.SharedCleanLines;
        Assert.Equal(cleanLines.Count, degradedLines.Count);

        // Unchanged bytes mean an unchanged record, so only the lines that differ need parsing.
        var degraded = degradedLines
            .Select((line, i) => line.Utf8.Span.SequenceEqual(cleanLines[i].Utf8.Span) ? clean[i] : TestStreams.Prediction(line))
            .ToList();
        Assert.Equal(clean.Select(p => p.EventId), degraded.Select(p => p.EventId));
        LastPair = (TestStreams.SharedCleanLines, degradedLines);
        return (clean, degraded);
    }

    private static Func<PredictionRecord, bool> Targeted(List<PredictionRecord> stream, string variant, string? locale, string? channel = null)
    {
        bool Target(PredictionRecord p) =>
            p.Timestamp >= Start && p.Variant == variant
            && (locale is null || p.Segment["locale"] == locale)
            && (channel is null || p.Segment["channel"] == channel);

        Assert.True(stream.Count(Target) > 200, "too few targeted records for a meaningful rate");
        return Target;
    }

    private void AssertUnchangedOutside(List<PredictionRecord> clean, List<PredictionRecord> degraded, Func<PredictionRecord, bool> target)
    {
        var (cleanLines, degradedLines) = LastPair;
        var outside = 0;
        for (var i = 0; i < clean.Count; i++)
        {
            if (!target(degraded[i]))
            {
                outside++;
                Assert.True(cleanLines[i].Utf8.Span.SequenceEqual(degradedLines[i].Utf8.Span), $"record {clean[i].EventId} changed outside the target");
            }
        }

        Assert.True(outside > 10_000);
    }

    private static double FlaggedRate(IEnumerable<PredictionRecord> predictions) =>
        predictions.Average(p => p.Safety!.Flagged == true ? 1.0 : 0.0);
}
