namespace CompressionSafety.Reports;

/// <summary>A model file named by the evaluation, as the reproducibility manifest lists it.</summary>
/// <param name="Variant">Variant name.</param>
/// <param name="IsBaseline">True for the baseline.</param>
/// <param name="File">The ONNX file name as the registry gives it.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
public sealed record ModelFile(string Variant, bool IsBaseline, string File, string Sha256);
