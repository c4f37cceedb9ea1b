using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Evaluation.Tests;

[Collection(DemoModelsGroup.Name)]
public sealed class DemoEvaluationTests(DemoModelsFixture fixture)
{
    private readonly EvaluationResult _result = Reevaluator.Run(
        RegistryStore.Read(fixture.Models.RegistryPath), fixture.Models.SuitePath, new ReevaluationOptions { TimingPasses = 1 }, TimeProvider.System);

    [Theory]
    [InlineData("int8-weight")]
    [InlineData("fp16")]
    public void Run_DemoSuite_LightCompressionPasses(string name)
    {
        var variant = _result.Variants.Single(v => v.Name == name);

        Assert.Equal(GateDecision.Pass, variant.Gate);
        Assert.True(variant.Metrics.FlipRate < 0.01);
    }

    [Fact]
    public void Run_DemoSuite_HeavyPruningRejectedWorstOnMinority()
    {
        var variant = _result.Variants.Single(v => v.Name == "pruned-80");

        Assert.Equal(GateDecision.Reject, variant.Gate);
        Assert.Equal("segment=minority", variant.WorstSlice!.Slice);
        Assert.True(variant.WorstSlice.DropLow > 0);
        Assert.Contains(variant.Reasons, r => r.Slice == "segment=minority" && r.Decision == GateDecision.Reject);
    }

    [Fact]
    public void Run_DemoSuite_RegistryHashesMatchEvaluatedFiles()
    {
        var registry = RegistryStore.Read(fixture.Models.RegistryPath);

        Assert.Equal(
            new[] { registry.Models[0].Baseline }.Concat(registry.Models[0].Variants).Select(f => f.Sha256),
            _result.Variants.Select(v => v.Sha256));
    }
}
