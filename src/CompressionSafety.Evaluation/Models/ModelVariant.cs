namespace CompressionSafety.Evaluation.Models;

/// <summary>A generated model variant: its ONNX graph and the plain C# forward pass it must agree with.</summary>
/// <param name="Name">Variant name, e.g. <c>int8-weight</c>; the baseline is <c>fp32</c>.</param>
/// <param name="Compression">Compression metadata as written to the registry.</param>
/// <param name="OnnxModel">The serialized ONNX model.</param>
/// <param name="Reference">Reference forward pass: (row-major batch, rows) to row-major probabilities.</param>
public sealed record ModelVariant(
    string Name,
    IReadOnlyDictionary<string, string> Compression,
    byte[] OnnxModel,
    Func<float[], int, float[]> Reference);
