namespace CompressionSafety.Evaluation.Gating;

/// <summary>The wire names of <see cref="GateDecision"/>, as used in JSON, tables and the <c>--fail-on</c> option.</summary>
public static class GateDecisionText
{
    /// <summary>The name of a decision.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns><c>pass</c>, <c>needs-validation</c> or <c>reject</c>.</returns>
    public static string Of(GateDecision decision) => decision switch
    {
        GateDecision.Reject => "reject",
        GateDecision.NeedsValidation => "needs-validation",
        _ => "pass",
    };

    /// <summary>Parses a decision name.</summary>
    /// <param name="text">The name.</param>
    /// <param name="decision">The decision.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryParse(string? text, out GateDecision decision)
    {
        (var known, decision) = text switch
        {
            "pass" => (true, GateDecision.Pass),
            "needs-validation" => (true, GateDecision.NeedsValidation),
            "reject" => (true, GateDecision.Reject),
            _ => (false, GateDecision.Pass),
        };
        return known;
    }
}
