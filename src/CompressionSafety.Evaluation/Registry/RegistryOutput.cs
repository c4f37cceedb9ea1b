namespace CompressionSafety.Evaluation.Registry;

/// <summary>The ONNX output scored, <c>[batch, labels]</c>, float or float16.</summary>
/// <param name="Name">The ONNX output name.</param>
/// <param name="Kind">How its rows become probabilities.</param>
public sealed record RegistryOutput(string Name, OutputKind Kind = OutputKind.Probabilities);
