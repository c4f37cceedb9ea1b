namespace CompressionSafety.Evaluation.Registry;

/// <summary>One ONNX file in the registry: the baseline or a compressed variant.</summary>
/// <param name="Name">Variant name, unique within the model.</param>
/// <param name="File">Path, relative to the registry file's folder unless absolute.</param>
/// <param name="Sha256">Expected SHA-256 (lowercase hex); a different file is a different version and is refused.</param>
/// <param name="Compression">Free-form compression metadata (method, bits, sparsity, ...).</param>
public sealed record RegistryFile(
    string Name,
    string File,
    string? Sha256 = null,
    IReadOnlyDictionary<string, string>? Compression = null);
