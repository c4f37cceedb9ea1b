namespace CompressionSafety.Engine.Windows;

/// <summary>A histogram as written to outputs: <c>Edges.Count == Counts.Count + 1</c>.</summary>
/// <param name="Edges">Bin edges, ascending.</param>
/// <param name="Counts">Count per bin.</param>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts);
