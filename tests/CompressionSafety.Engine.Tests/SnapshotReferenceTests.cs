using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public class SnapshotReferenceTests
{
    private static BaselineSnapshot Snapshot()
    {
        // 20 snapshot bins: all mass in [0.15, 0.2) so it nests into the engine's bin [0.1, 0.2).
        var counts = new long[20];
        counts[3] = 100;
        var slice = new SnapshotSlice(
            "all",
            100,
            new Dictionary<string, double?> { ["flag_rate"] = 0.25, ["mean_entropy"] = 0.5, ["accuracy"] = 0.9, ["unsafe_miss_rate"] = 0.1, ["flip_rate"] = null },
            new Dictionary<string, double> { ["safe"] = 0.75, ["unsafe"] = 0.25 },
            new Histogram(Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray(), counts));
        return new BaselineSnapshot(
            BaselineSnapshot.CurrentSchemaVersion, "toxicity-guard", T0, "test", 1, "abc", 100, ["safe", "unsafe"], "unsafe",
            [new SnapshotVariant("int8", false, "hash", "pass", [slice])]);
    }

    private static List<WindowResult> Run(BaselineSnapshot? snapshot)
    {
        var engine = new WindowEngine(new EngineOptions(), snapshot);
        engine.Process(Prediction(T0, variant: "int8", label: "unsafe", unsafeProbability: 0.9, trueLabel: "unsafe"));
        engine.Process(Prediction(T0, variant: "int8", label: "safe", unsafeProbability: 0.15, trueLabel: "unsafe"));
        engine.Process(Prediction(T0, variant: "int8", label: "safe", unsafeProbability: 0.15, trueLabel: "safe"));
        engine.Process(Prediction(T0, variant: "int8", label: "safe", unsafeProbability: 0.15, trueLabel: "safe", segment: new Dictionary<string, string> { ["locale"] = "de" }));
        engine.Flush();
        return engine.TakeResults().ToList();
    }

    [Fact]
    public void Close_KeyInSnapshot_ComparedWithExpectedRates()
    {
        var results = Run(Snapshot());

        var traffic = results.Single(r => r.Kind == WindowKind.Traffic && r.Key.Slice == "all").References.Single(r => r.Reference == ReferenceNames.Snapshot).Values;
        Assert.Equal(0.25, traffic["expected_positive_share"]);
        Assert.Equal(0.0, traffic["positive_share_diff"], 12);
        Assert.False(traffic.ContainsKey("expected_flip_rate"));
        Assert.True(traffic["positive_probability_psi"] > 1, "one record far from the snapshot's single bin");

        var labels = results.Single(r => r.Kind == WindowKind.Labels && r.Key.Slice == "all").References.Single(r => r.Reference == ReferenceNames.Snapshot).Values;
        Assert.Equal(0.75 - 0.9, labels["accuracy_diff"], 12);
        Assert.Equal(0.5 - 0.1, labels["unsafe_miss_rate_diff"], 12);
        Assert.All(labels.Keys, name => Assert.NotNull(MetricCatalog.Find(name, ReferenceNames.Snapshot)));
        Assert.All(traffic.Keys, name => Assert.NotNull(MetricCatalog.Find(name, ReferenceNames.Snapshot)));
    }

    [Fact]
    public void Close_SliceNotInSnapshot_HasNoSnapshotReference()
    {
        var results = Run(Snapshot());

        var de = results.Single(r => r.Kind == WindowKind.Traffic && r.Key.Slice == "locale=de");
        Assert.DoesNotContain(de.References, r => r.Reference == ReferenceNames.Snapshot);
    }

    [Fact]
    public void Close_NoSnapshot_NoSnapshotReference()
    {
        Assert.All(Run(null), r => Assert.DoesNotContain(r.References, c => c.Reference == ReferenceNames.Snapshot));
    }

    [Fact]
    public void Rebin_BinsThatDoNotNest_GiveNull()
    {
        var histogram = new Histogram([0, 0.3, 0.6, 1], [1, 2, 3]);

        Assert.Null(SnapshotComparison.Rebin(histogram, 10));
        Assert.Equal([0.5, 0.5], SnapshotComparison.Rebin(new Histogram([0, 0.25, 0.5, 0.75, 1], [1, 1, 0, 2]), 2)!);
    }
}
