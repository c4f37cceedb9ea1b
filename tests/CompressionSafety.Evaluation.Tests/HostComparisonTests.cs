using System.Text.Json;
using System.Text.Json.Nodes;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Evaluation.Tests;

public sealed class HostComparisonTests : IDisposable
{
    private readonly HandSuite _suite = new();

    public void Dispose() => _suite.Dispose();

    [Fact]
    public void Write_AnyRun_EvaluationAndSnapshotNameTheHost()
    {
        var result = Run();
        var output = Path.Combine(_suite.Directory, "out");

        EvaluationOutput.Write(result, output);
        var evaluation = JsonNode.Parse(File.ReadAllText(Path.Combine(output, EvaluationOutput.EvaluationFile)))!;
        var snapshot = BaselineSnapshotJson.Read(Path.Combine(output, EvaluationOutput.SnapshotFile));

        var host = evaluation["host"]!;
        Assert.False(string.IsNullOrEmpty(host["cpu_model"]!.GetValue<string>()));
        Assert.Equal("CPUExecutionProvider", host["execution_provider"]!.GetValue<string>());
        Assert.Equal(result.Host!.IsaFeatures, host["isa_features"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(result.Host.OnnxRuntimeVersion, snapshot.Host!["onnx_runtime_version"]);
        Assert.Equal(string.Join(' ', result.Host.IsaFeatures), snapshot.Host["isa_features"]);
        Assert.Equal(HandSuite.Cases.Select(c => c.Id), evaluation["case_ids"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public void Compare_SameRun_NoDifferences()
    {
        var result = Run();
        var path = Write(result, _ => { });

        var comparison = HostComparison.Compare(result, path);

        Assert.True(comparison.SameSuite);
        Assert.Equal(HandSuite.Cases.Length, comparison.CommonCases);
        Assert.All(comparison.Variants, v => Assert.Equal((0, false), (v.DifferingCases, v.GateDiffers)));
    }

    [Fact]
    public void Compare_OtherHostFlippedCaseAndGate_ListsCaseAndGateDifference()
    {
        var result = Run();
        var mine = result.Variants[1].Predictions![1];
        var path = Write(result, other =>
        {
            var variant = other["variants"]![1]!;
            variant["predictions"]![1] = 1 - mine;
            variant["gate"] = "reject";
            other["host"]!["cpu_model"] = "Other CPU";
        });

        var comparison = HostComparison.Compare(result, path);

        Assert.Equal("Other CPU", comparison.OtherHost!["cpu_model"]);
        Assert.All(comparison.Variants.Take(1), v => Assert.Equal(0, v.DifferingCases));
        var variant = comparison.Variants[1];
        Assert.Equal(("variant", true, "reject"), (variant.Variant, variant.GateDiffers, variant.OtherGate));
        Assert.Equal(new CaseDifference("c2", result.Labels[mine], result.Labels[1 - mine]), Assert.Single(variant.Cases));
    }

    [Fact]
    public void Compare_FileWithoutPredictions_ThrowsAskingForRerun()
    {
        var result = Run();
        var path = Write(result, other => other.AsObject().Remove("case_ids"));

        var ex = Assert.Throws<EvaluationException>(() => HostComparison.Compare(result, path));

        Assert.Contains("no per-case predictions", ex.Message, StringComparison.Ordinal);
    }

    private EvaluationResult Run() =>
        Reevaluator.Run(RegistryStore.Read(_suite.RegistryPath), _suite.SuitePath, new ReevaluationOptions { TimingPasses = 1 }, TimeProvider.System);

    private string Write(EvaluationResult result, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(result, EvaluationJson.Options))!;
        change(node);
        var path = Path.Combine(_suite.Directory, "other-evaluation.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }
}
