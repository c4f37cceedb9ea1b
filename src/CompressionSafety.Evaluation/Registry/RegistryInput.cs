namespace CompressionSafety.Evaluation.Registry;

/// <summary>One ONNX input of a model. Its element type is read from the model file, not declared here.</summary>
/// <param name="Name">The ONNX input name.</param>
/// <param name="Source">Where its values come from.</param>
/// <param name="Shape">For <see cref="InputSource.Features"/>: the dimensions after the batch (for example [1, 28, 28]); [features] when absent.</param>
public sealed record RegistryInput(string Name, InputSource Source, IReadOnlyList<int>? Shape = null);
