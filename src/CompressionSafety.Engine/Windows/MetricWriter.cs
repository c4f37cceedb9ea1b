using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>Collects named metric values, leaving out those without data.</summary>
internal sealed class MetricWriter
{
    private readonly SortedDictionary<string, double> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Values => _values;

    public bool IsEmpty => _values.Count == 0;

    public void Set(string name, double value)
    {
        if (double.IsFinite(value))
        {
            _values[name] = value;
        }
    }

    /// <summary>A rate with its 95% Wilson interval as <c>name</c>, <c>name_low</c>, <c>name_high</c>; nothing when <paramref name="trials"/> is 0.</summary>
    public void Rate(string name, long successes, long trials)
    {
        if (trials <= 0)
        {
            return;
        }

        var interval = Proportions.Wilson(successes, trials);
        Set(name, (double)successes / trials);
        Set(name + "_low", interval.Low);
        Set(name + "_high", interval.High);
    }

    /// <summary>The difference of two rates with Newcombe's hybrid score interval; nothing when either side has no trials.</summary>
    public void RateDifference(string name, long successes1, long trials1, long successes2, long trials2)
    {
        if (trials1 <= 0 || trials2 <= 0)
        {
            return;
        }

        var interval = Proportions.NewcombeDifference(successes1, trials1, successes2, trials2);
        Set(name, ((double)successes1 / trials1) - ((double)successes2 / trials2));
        Set(name + "_low", interval.Low);
        Set(name + "_high", interval.High);
    }
}
