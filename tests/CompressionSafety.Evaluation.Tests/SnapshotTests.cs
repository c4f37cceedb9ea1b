using System.Text;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Evaluation.Tests;

public sealed class SnapshotTests : IDisposable
{
    private readonly HandSuite _suite = new();

    public void Dispose() => _suite.Dispose();

    [Fact]
    public void Write_HandSuite_SnapshotRoundTripsWithRatesAndHistogram()
    {
        var result = Reevaluator.Run(RegistryStore.Read(_suite.RegistryPath), _suite.SuitePath, new ReevaluationOptions { Seed = 42 }, TimeProvider.System);
        var output = Path.Combine(_suite.Directory, "out");

        EvaluationOutput.Write(result, output);
        var snapshot = BaselineSnapshotJson.Read(Path.Combine(output, EvaluationOutput.SnapshotFile));

        Assert.Equal((1, "hand", 42L, result.SuiteSha256), (snapshot.SchemaVersion, snapshot.Model, snapshot.Seed!.Value, snapshot.SuiteSha256));
        var variant = snapshot.Variants.Single(v => v.Name == "variant");
        Assert.Equal(("needs-validation", result.Variants[1].Sha256), (variant.Gate, variant.ModelSha256));
        var all = variant.Slices[0];
        Assert.Equal(("all", 8L), (all.Slice, all.Cases));
        Assert.Equal(0.5, all.ExpectedRates["accuracy"]);
        Assert.Equal(0.5, all.LabelDistribution["unsafe"]);
        Assert.Equal(21, all.SafetyScoreHistogram.Edges.Count);
        Assert.Equal(8, all.SafetyScoreHistogram.Counts.Sum());
        Assert.True(File.Exists(Path.Combine(output, EvaluationOutput.EvaluationFile)));
    }

    [Fact]
    public void Deserialize_UnknownSchemaVersion_Throws()
    {
        var json = Encoding.UTF8.GetBytes("""{"schema_version":99,"model":"m","variants":[]}""");

        var ex = Assert.Throws<InvalidDataException>(() => BaselineSnapshotJson.Deserialize(json));

        Assert.Contains("schema_version 99", ex.Message, StringComparison.Ordinal);
    }
}
