namespace CompressionSafety.Statistics;

/// <summary>A closed interval [<paramref name="Low"/>, <paramref name="High"/>], used for confidence intervals.</summary>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>Whether <paramref name="value"/> lies inside the interval (ends included).</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> when <c>Low &lt;= value &lt;= High</c>.</returns>
    public bool Contains(double value) => value >= Low && value <= High;
}
