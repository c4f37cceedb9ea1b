namespace CompressionSafety.Evaluation.Running;

/// <summary>One variant in a <see cref="HostComparison"/>.</summary>
/// <param name="Variant">Variant name.</param>
/// <param name="Gate">This run's gate decision.</param>
/// <param name="OtherGate">The other run's gate decision.</param>
/// <param name="GateDiffers">True when the two decisions differ: same file, different verdict.</param>
/// <param name="DifferingCases">Cases whose predicted label differs between the runs.</param>
/// <param name="Cases">Those cases, in suite order.</param>
public sealed record VariantComparison(string Variant, string Gate, string OtherGate, bool GateDiffers, int DifferingCases, IReadOnlyList<CaseDifference> Cases);
