using CompressionSafety.Evaluation.Onnx;

namespace CompressionSafety.Evaluation.Models;

/// <summary>Derives the baseline and the five compressed variants from trained weights.</summary>
public static class VariantFactory
{
    /// <summary>The baseline variant's name.</summary>
    public const string BaselineName = "fp32";

    /// <summary>All variants, baseline first.</summary>
    /// <param name="w">The trained weights.</param>
    /// <returns>fp32, int8-weight, int8-dynamic, pruned-50, pruned-80, fp16.</returns>
    public static IReadOnlyList<ModelVariant> Create(MlpWeights w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var q1 = Compression.QuantizePerColumn(w.W1, w.Inputs, w.Hidden);
        var q2 = Compression.QuantizePerColumn(w.W2, w.Hidden, w.Classes);
        // int8-dynamic multiplies uint8 activations by int8 weights (u8s8): with 7-bit weights it gives the same
        // numbers on every x86-64 CPU, with or without VNNI (see Compression.ReducedRange).
        var r1 = Compression.QuantizePerColumn(w.W1, w.Inputs, w.Hidden, Compression.ReducedRange);
        var r2 = Compression.QuantizePerColumn(w.W2, w.Hidden, w.Classes, Compression.ReducedRange);
        var dequantized = w.WithWeights(Compression.Dequantize(q1.Values, q1.Scales), Compression.Dequantize(q2.Values, q2.Scales));
        var half = w.WithWeights(
            Compression.ToHalf(w.W1).Select(x => (float)x).ToArray(),
            Compression.ToHalf(w.W2).Select(x => (float)x).ToArray());
        var pruned50 = w.WithWeights(Compression.Prune(w.W1, 0.5), Compression.Prune(w.W2, 0.5));
        var pruned80 = w.WithWeights(Compression.Prune(w.W1, 0.8), Compression.Prune(w.W2, 0.8));
        return
        [
            new(BaselineName, Meta("none", "32"), Serialize(MlpGraphs.Float(w, BaselineName)), (x, n) => MlpMath.Forward(w, x, n)),
            new("int8-weight", Meta("weight-quantization", "8", ("granularity", "per-output-channel"), ("operator", "DequantizeLinear")),
                Serialize(MlpGraphs.Int8Weights(w, "int8-weight", q1, q2)), (x, n) => MlpMath.Forward(dequantized, x, n)),
            new("int8-dynamic", Meta("dynamic-quantization", "7", ("operator", "DynamicQuantizeLinear+MatMulInteger"), ("reduce_range", "true"), ("storage", "int8")),
                Serialize(MlpGraphs.DynamicInt8(w, "int8-dynamic", r1, r2)), (x, n) => DynamicQuantization.Forward(w, r1, r2, x, n)),
            new("pruned-50", Meta("magnitude-pruning", "32", ("sparsity", "0.5")),
                Serialize(MlpGraphs.Float(pruned50, "pruned-50")), (x, n) => MlpMath.Forward(pruned50, x, n)),
            new("pruned-80", Meta("magnitude-pruning", "32", ("sparsity", "0.8")),
                Serialize(MlpGraphs.Float(pruned80, "pruned-80")), (x, n) => MlpMath.Forward(pruned80, x, n)),
            new("fp16", Meta("half-precision-weights", "16"), Serialize(MlpGraphs.Fp16(w, "fp16")), (x, n) => MlpMath.Forward(half, x, n)),
        ];
    }

    private static byte[] Serialize(OnnxGraph graph) => OnnxModelWriter.Write(graph);

    private static Dictionary<string, string> Meta(string method, string bits, params (string Key, string Value)[] extra)
    {
        var meta = new Dictionary<string, string> { ["method"] = method, ["weight_bits"] = bits };
        foreach (var (key, value) in extra)
        {
            meta[key] = value;
        }

        return meta;
    }
}
