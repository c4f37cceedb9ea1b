using CompressionSafety.Evaluation.Onnx;

namespace CompressionSafety.Evaluation.Models;

/// <summary>Builds the ONNX graph of each variant of an <see cref="MlpWeights"/> classifier.</summary>
internal static class MlpGraphs
{
    public const string InputName = "features";
    public const string OutputName = "probabilities";

    private static readonly Dictionary<string, long> CastToFloat = new() { ["to"] = (long)OnnxDataType.Float };

    public static OnnxGraph Float(MlpWeights w, string name)
    {
        var initializers = new List<OnnxTensor>
        {
            OnnxTensor.Float("W1", [w.Inputs, w.Hidden], w.W1),
            OnnxTensor.Float("W2", [w.Hidden, w.Classes], w.W2),
        };
        return Assemble(w, name, initializers, []);
    }

    public static OnnxGraph Fp16(MlpWeights w, string name)
    {
        var initializers = new List<OnnxTensor>
        {
            OnnxTensor.Half("W1_fp16", [w.Inputs, w.Hidden], Compression.ToHalf(w.W1)),
            OnnxTensor.Half("W2_fp16", [w.Hidden, w.Classes], Compression.ToHalf(w.W2)),
        };
        var nodes = new List<OnnxNode>
        {
            new("Cast", ["W1_fp16"], ["W1"], CastToFloat),
            new("Cast", ["W2_fp16"], ["W2"], CastToFloat),
        };
        return Assemble(w, name, initializers, nodes);
    }

    public static OnnxGraph Int8Weights(MlpWeights w, string name, (sbyte[] Values, float[] Scales) q1, (sbyte[] Values, float[] Scales) q2)
    {
        var axis = new Dictionary<string, long> { ["axis"] = 1 };
        var initializers = new List<OnnxTensor>
        {
            OnnxTensor.Int8("W1_q", [w.Inputs, w.Hidden], q1.Values),
            OnnxTensor.Float("W1_scale", [w.Hidden], q1.Scales),
            OnnxTensor.Int8("W1_zero", [w.Hidden], new sbyte[w.Hidden]),
            OnnxTensor.Int8("W2_q", [w.Hidden, w.Classes], q2.Values),
            OnnxTensor.Float("W2_scale", [w.Classes], q2.Scales),
            OnnxTensor.Int8("W2_zero", [w.Classes], new sbyte[w.Classes]),
        };
        var nodes = new List<OnnxNode>
        {
            new("DequantizeLinear", ["W1_q", "W1_scale", "W1_zero"], ["W1"], axis),
            new("DequantizeLinear", ["W2_q", "W2_scale", "W2_zero"], ["W2"], axis),
        };
        return Assemble(w, name, initializers, nodes);
    }

    public static OnnxGraph DynamicInt8(MlpWeights w, string name, (sbyte[] Values, float[] Scales) q1, (sbyte[] Values, float[] Scales) q2)
    {
        var initializers = new List<OnnxTensor>
        {
            OnnxTensor.Int8("W1_q", [w.Inputs, w.Hidden], q1.Values),
            OnnxTensor.Float("W1_scale", [w.Hidden], q1.Scales),
            OnnxTensor.Float("B1", [w.Hidden], w.B1),
            OnnxTensor.Int8("W2_q", [w.Hidden, w.Classes], q2.Values),
            OnnxTensor.Float("W2_scale", [w.Classes], q2.Scales),
            OnnxTensor.Float("B2", [w.Classes], w.B2),
        };
        var nodes = new List<OnnxNode>();
        DynamicLayer(nodes, InputName, "W1", "hidden_linear");
        nodes.Add(new("Add", ["hidden_linear", "B1"], ["hidden_pre"]));
        nodes.Add(new("Relu", ["hidden_pre"], ["hidden"]));
        DynamicLayer(nodes, "hidden", "W2", "logits_linear");
        nodes.Add(new("Add", ["logits_linear", "B2"], ["logits"]));
        nodes.Add(new("Softmax", ["logits"], [OutputName], new Dictionary<string, long> { ["axis"] = 1 }));
        return new OnnxGraph(name, nodes, initializers, Inputs(w), Outputs(w));
    }

    private static void DynamicLayer(List<OnnxNode> nodes, string input, string weight, string output)
    {
        nodes.Add(new("DynamicQuantizeLinear", [input], [$"{input}_q", $"{input}_scale", $"{input}_zero"]));
        nodes.Add(new("MatMulInteger", [$"{input}_q", $"{weight}_q", $"{input}_zero"], [$"{output}_int"]));
        nodes.Add(new("Cast", [$"{output}_int"], [$"{output}_float"], CastToFloat));
        nodes.Add(new("Mul", [$"{input}_scale", $"{weight}_scale"], [$"{output}_rescale"]));
        nodes.Add(new("Mul", [$"{output}_float", $"{output}_rescale"], [output]));
    }

    private static OnnxGraph Assemble(MlpWeights w, string name, List<OnnxTensor> initializers, List<OnnxNode> nodes)
    {
        initializers.Add(OnnxTensor.Float("B1", [w.Hidden], w.B1));
        initializers.Add(OnnxTensor.Float("B2", [w.Classes], w.B2));
        nodes.Add(new("MatMul", [InputName, "W1"], ["hidden_linear"]));
        nodes.Add(new("Add", ["hidden_linear", "B1"], ["hidden_pre"]));
        nodes.Add(new("Relu", ["hidden_pre"], ["hidden"]));
        nodes.Add(new("MatMul", ["hidden", "W2"], ["logits_linear"]));
        nodes.Add(new("Add", ["logits_linear", "B2"], ["logits"]));
        nodes.Add(new("Softmax", ["logits"], [OutputName], new Dictionary<string, long> { ["axis"] = 1 }));
        return new OnnxGraph(name, nodes, initializers, Inputs(w), Outputs(w));
    }

    private static List<OnnxValueInfo> Inputs(MlpWeights w) => [new(InputName, OnnxDataType.Float, [-1, w.Inputs])];

    private static List<OnnxValueInfo> Outputs(MlpWeights w) => [new(OutputName, OnnxDataType.Float, [-1, w.Classes])];
}
