namespace CompressionSafety.Evaluation.Onnx;

/// <summary>One operator in the graph.</summary>
/// <param name="OpType">The ONNX operator, e.g. <c>MatMul</c>.</param>
/// <param name="Inputs">Input value names; an empty string skips an optional input.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="IntAttributes">Integer attributes (e.g. <c>axis</c>, <c>to</c>).</param>
internal sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, long>? IntAttributes = null);
