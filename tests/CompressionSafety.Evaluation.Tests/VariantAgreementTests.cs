using CompressionSafety.Evaluation.Hosts;
using CompressionSafety.Evaluation.Models;
using CompressionSafety.Evaluation.Onnx;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace CompressionSafety.Evaluation.Tests;

[Collection(DemoModelsGroup.Name)]
public sealed class VariantAgreementTests(DemoModelsFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, double> Variants => new()
    {
        { "fp32", 1e-5 },
        { "int8-weight", 1e-5 },
        { "int8-dynamic", 1e-5 },
        { "pruned-50", 1e-5 },
        { "pruned-80", 1e-5 },
        { "fp16", 1e-5 },
    };

    // Graph optimizations off: this checks what each graph means, operator by operator.
    [Theory]
    [MemberData(nameof(Variants))]
    public void OnnxRuntime_EachVariantUnoptimized_MatchesCSharpForwardPass(string name, double tolerance)
    {
        var variant = fixture.Models.Variants.Single(v => v.Name == name);
        var (batch, rows) = Batch();

        var actual = RunOnnx(name, batch, rows, GraphOptimizationLevel.ORT_DISABLE_ALL);

        var maxDifference = MaxDifference(variant.Reference(batch, rows), actual);
        output.WriteLine($"{name} (optimizations off): max |ORT - C#| = {maxDifference:E3} over {actual.Length} probabilities");
        Assert.True(maxDifference <= tolerance, $"{name}: max abs difference {maxDifference:E3} > {tolerance:E1}");
    }

    // Default optimizations, as deployed: every variant except int8-weight still matches its own forward pass.
    [Theory]
    [InlineData("fp32")]
    [InlineData("int8-dynamic")]
    [InlineData("pruned-50")]
    [InlineData("pruned-80")]
    [InlineData("fp16")]
    public void OnnxRuntime_EachVariantOptimized_MatchesCSharpForwardPass(string name)
    {
        var variant = fixture.Models.Variants.Single(v => v.Name == name);
        var (batch, rows) = Batch();

        var actual = RunOnnx(name, batch, rows, GraphOptimizationLevel.ORT_ENABLE_ALL);

        var maxDifference = MaxDifference(variant.Reference(batch, rows), actual);
        output.WriteLine($"{name} (optimizations on): max |ORT - C#| = {maxDifference:E3}");
        Assert.True(maxDifference <= 1e-5, $"{name}: max abs difference {maxDifference:E3}");
    }

    // With optimizations on, ORT rewrites DequantizeLinear(weight) + MatMul into a fused quantized kernel, so the
    // deployed int8-weight model is not bit-for-bit the float MatMul on dequantized weights. The difference is
    // reported and bounded here; the unoptimized test above pins the graph's meaning.
    [Fact]
    public void OnnxRuntime_Int8WeightOptimized_StaysCloseToDequantizedForwardPass()
    {
        var reference = fixture.Models.Variants.Single(v => v.Name == "int8-weight").Reference;
        var (batch, rows) = Batch();

        var actual = RunOnnx("int8-weight", batch, rows, GraphOptimizationLevel.ORT_ENABLE_ALL);

        var maxDifference = MaxDifference(reference(batch, rows), actual);
        output.WriteLine($"int8-weight (optimizations on): max |ORT - C#| = {maxDifference:E3} (fused kernel)");
        Assert.True(maxDifference < 0.05, $"int8-weight optimized: max abs difference {maxDifference:E3}");
    }

    // The form int8-dynamic no longer ships: full-range (8-bit) weights in the same DynamicQuantizeLinear +
    // MatMulInteger graph. Where ONNX Runtime's u8s8 kernel sums pairs of products in int16 (AVX2 / AVX-512 without
    // VNNI) they saturate and the result leaves the exact integer arithmetic; with VNNI (or on Arm) it is exact.
    // The assertion follows the host, so this test means something on every machine.
    [Theory]
    [InlineData(GraphOptimizationLevel.ORT_DISABLE_ALL)]
    [InlineData(GraphOptimizationLevel.ORT_ENABLE_ALL)]
    public void OnnxRuntime_FullRangeU8S8Dynamic_DiffersExactlyWhenHostMaySaturate(GraphOptimizationLevel level)
    {
        var w = fixture.Models.Weights;
        var q1 = Compression.QuantizePerColumn(w.W1, w.Inputs, w.Hidden);
        var q2 = Compression.QuantizePerColumn(w.W2, w.Hidden, w.Classes);
        var model = OnnxModelWriter.Write(MlpGraphs.DynamicInt8(w, "int8-dynamic-full-range", q1, q2));
        var host = HostProbe.Detect();
        var (batch, rows) = Batch();

        var actual = Run(model, batch, rows, level);

        var maxDifference = MaxDifference(DynamicQuantization.Forward(w, q1, q2, batch, rows), actual);
        output.WriteLine($"full-range u8s8 on {host.CpuModel} [{string.Join(' ', host.IsaFeatures)}]: max |ORT - C#| = {maxDifference:E3}");
        if (host.U8S8MaySaturate)
        {
            Assert.True(maxDifference > 1e-2, $"expected saturation without VNNI, max abs difference {maxDifference:E3}");
        }
        else
        {
            Assert.True(maxDifference <= 1e-5, $"expected exact u8s8 products, max abs difference {maxDifference:E3}");
        }
    }

    [Fact]
    public void Create_Int8Dynamic_WeightsAreSevenBit()
    {
        var file = File.ReadAllBytes(Path.Combine(fixture.Directory, "int8-dynamic.onnx"));
        var w = fixture.Models.Weights;
        var q1 = Compression.QuantizePerColumn(w.W1, w.Inputs, w.Hidden, Compression.ReducedRange);
        var q2 = Compression.QuantizePerColumn(w.W2, w.Hidden, w.Classes, Compression.ReducedRange);

        Assert.Equal(OnnxModelWriter.Write(MlpGraphs.DynamicInt8(w, "int8-dynamic", q1, q2)), file);
        Assert.Equal(Compression.ReducedRange, q1.Values.Concat(q2.Values).Max(v => Math.Abs((int)v)));
    }

    private static (float[] Batch, int Rows) Batch()
    {
        var cases = DemoData.Generate(300, 0.2, seed: 7);
        return (cases.SelectMany(c => c.Features).ToArray(), cases.Count);
    }

    private float[] RunOnnx(string name, float[] batch, int rows, GraphOptimizationLevel level) =>
        Run(File.ReadAllBytes(Path.Combine(fixture.Directory, name + ".onnx")), batch, rows, level);

    private static float[] Run(byte[] model, float[] batch, int rows, GraphOptimizationLevel level)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = level };
        using var session = new InferenceSession(model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(batch, [rows, DemoData.FeatureCount]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["features"], [input], ["probabilities"]);
        var actual = results[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(rows * 2, actual.Length);
        return actual;
    }

    private static double MaxDifference(float[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => (double)Math.Abs(e - a)).Max();
}
