namespace CompressionSafety.Evaluation.Registry;

/// <summary>A model: its baseline, its compressed variants and how to read its tensors.</summary>
/// <param name="Name">Model name.</param>
/// <param name="InputName">Input tensor name (float, [batch, features]).</param>
/// <param name="OutputName">Output tensor name (float probabilities, [batch, labels]).</param>
/// <param name="Labels">Label of each output column, in order.</param>
/// <param name="SafetyPositiveLabel">The label whose miss is unsafe (e.g. <c>unsafe</c>).</param>
/// <param name="Baseline">The full-precision baseline.</param>
/// <param name="Variants">The compressed variants.</param>
public sealed record RegistryModel(
    string Name,
    string InputName,
    string OutputName,
    IReadOnlyList<string> Labels,
    string SafetyPositiveLabel,
    RegistryFile Baseline,
    IReadOnlyList<RegistryFile> Variants);
