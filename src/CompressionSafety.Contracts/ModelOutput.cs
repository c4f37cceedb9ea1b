namespace CompressionSafety.Contracts;

/// <summary>
/// One model output: the served prediction, or the baseline's shadow output on the same input.
/// </summary>
/// <param name="Label">The predicted label.</param>
/// <param name="Probabilities">Label to probability, validated to lie in [0, 1] and sum to 1 within 1e-3; null when the record has none.</param>
/// <param name="Variant">For a shadow output, which variant produced it (usually <c>baseline</c>).</param>
public sealed record ModelOutput(
    string Label,
    IReadOnlyDictionary<string, double>? Probabilities,
    string? Variant = null)
{
    /// <summary>The probability of <paramref name="label"/>, or null when the output carries no probabilities.</summary>
    public double? ProbabilityOf(string label)
    {
        if (Probabilities is null)
        {
            return null;
        }

        return Probabilities.TryGetValue(label, out var p) ? p : 0.0;
    }
}
