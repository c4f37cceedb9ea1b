namespace CompressionSafety.Evaluation.Onnx;

/// <summary>A graph input or output: name, element type and shape, where a negative dimension is the symbolic batch size.</summary>
/// <param name="Name">The value name.</param>
/// <param name="DataType">The element type.</param>
/// <param name="Dims">The shape; <c>-1</c> is written as the symbolic dimension <c>batch</c>.</param>
internal sealed record OnnxValueInfo(string Name, OnnxDataType DataType, IReadOnlyList<long> Dims);
