namespace CompressionSafety.Engine.Snapshots;

/// <summary>One variant in a <see cref="BaselineSnapshot"/>.</summary>
/// <param name="Name">Variant name (the one inference logs carry).</param>
/// <param name="IsBaseline">True for the full-precision baseline.</param>
/// <param name="ModelSha256">SHA-256 of the evaluated ONNX file: a different file is a different version.</param>
/// <param name="Gate">The gate decision at evaluation time (<c>pass</c>, <c>needs-validation</c>, <c>reject</c>).</param>
/// <param name="Slices">Expectations per slice; <c>all</c> first.</param>
public sealed record SnapshotVariant(string Name, bool IsBaseline, string ModelSha256, string Gate, IReadOnlyList<SnapshotSlice> Slices);
