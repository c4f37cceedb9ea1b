namespace CompressionSafety.Contracts;

/// <summary>Safety signals attached to one served output.</summary>
/// <param name="Flagged">The output was judged unsafe by a guard or policy check; null when not reported.</param>
/// <param name="Refused">The model refused or abstained; null when not reported.</param>
/// <param name="Categories">Policy categories hit (empty when none).</param>
public sealed record SafetySignals(bool? Flagged, bool? Refused, IReadOnlyList<string> Categories)
{
    /// <summary>
    /// The request itself was judged harmful by an input guard (<c>safety.prompt_flagged</c>); null when not reported,
    /// as in every record written before the field existed. Splits refusal rates into harmful and benign requests.
    /// </summary>
    public bool? PromptFlagged { get; init; }
}
