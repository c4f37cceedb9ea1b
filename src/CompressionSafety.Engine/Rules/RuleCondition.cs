using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>One comparison of a catalogued metric with a constant: data, never code.</summary>
/// <param name="Metric">A metric name from <see cref="MetricCatalog"/> (family members included).</param>
/// <param name="Reference">Null for the key's own metric, otherwise the reference whose comparison carries it.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Threshold">The constant compared with.</param>
public sealed record RuleCondition(string Metric, string? Reference, ComparisonOperator Operator, double Threshold)
{
    /// <summary>The metric's value in <paramref name="result"/>, or null when the window does not carry it.</summary>
    public double? ValueIn(WindowResult result) => Lookup(result, Metric, Reference);

    /// <summary>True when the window carries the metric and it satisfies the comparison; false when absent.</summary>
    public bool IsMet(WindowResult result) => ValueIn(result) is { } value && Compare(value);

    /// <summary>Applies the comparison to <paramref name="value"/>.</summary>
    public bool Compare(double value) => Operator switch
    {
        ComparisonOperator.Greater => value > Threshold,
        ComparisonOperator.GreaterOrEqual => value >= Threshold,
        ComparisonOperator.Less => value < Threshold,
        _ => value <= Threshold,
    };

    /// <summary>The operator as written in YAML.</summary>
    public string OperatorText => Operator switch
    {
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Less => "<",
        _ => "<=",
    };

    internal static double? Lookup(WindowResult result, string metric, string? reference)
    {
        if (reference is null)
        {
            return result.Metrics.TryGetValue(metric, out var own) ? own : null;
        }

        foreach (var comparison in result.References)
        {
            if (string.Equals(comparison.Reference, reference, StringComparison.Ordinal))
            {
                return comparison.Values.TryGetValue(metric, out var value) ? value : null;
            }
        }

        return null;
    }
}
