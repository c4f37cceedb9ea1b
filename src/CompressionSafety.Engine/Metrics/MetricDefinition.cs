using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Metrics;

/// <summary>One entry of the metric catalogue.</summary>
/// <param name="Name">The metric name; for a family (<see cref="IsFamily"/>) the prefix before <c>.&lt;member&gt;</c>.</param>
/// <param name="Kind">The window phase that carries it.</param>
/// <param name="Reference">Null for a metric of the key itself, otherwise the reference whose comparison carries it.</param>
/// <param name="Unit">Unit (<c>1</c> for a ratio or count, <c>ms</c>, <c>nats</c>, ...).</param>
/// <param name="Description">What it measures, including its conventions.</param>
/// <param name="IsFamily">True when the name is a prefix followed by <c>.</c> and a data-dependent member (a category, label, or feature).</param>
public sealed record MetricDefinition(
    string Name,
    WindowKind Kind,
    string? Reference,
    string Unit,
    string Description,
    bool IsFamily = false)
{
    /// <summary>True when <paramref name="metric"/> is this metric or a member of this family.</summary>
    public bool Matches(string metric) =>
        IsFamily
            ? metric.Length > Name.Length + 1 && metric.StartsWith(Name, StringComparison.Ordinal) && metric[Name.Length] == '.'
            : string.Equals(metric, Name, StringComparison.Ordinal);
}
