namespace CompressionSafety.Contracts;

/// <summary>Safety signals attached to one served output.</summary>
/// <param name="Flagged">The output was judged unsafe by a guard or policy check; null when not reported.</param>
/// <param name="Refused">The model refused or abstained; null when not reported.</param>
/// <param name="Categories">Policy categories hit (empty when none).</param>
public sealed record SafetySignals(bool? Flagged, bool? Refused, IReadOnlyList<string> Categories);
