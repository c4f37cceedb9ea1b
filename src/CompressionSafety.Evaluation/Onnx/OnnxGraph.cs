namespace CompressionSafety.Evaluation.Onnx;

/// <summary>A whole single-graph ONNX model, ready to be serialized with <see cref="OnnxModelWriter"/>.</summary>
/// <param name="Name">The graph name.</param>
/// <param name="Nodes">Operators in topological order.</param>
/// <param name="Initializers">Constant tensors (weights).</param>
/// <param name="Inputs">Graph inputs (not including initializers).</param>
/// <param name="Outputs">Graph outputs.</param>
internal sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs);
