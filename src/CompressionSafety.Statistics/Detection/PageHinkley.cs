using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// Page-Hinkley test (Page 1954) in the two-sided form of river's <c>drift.PageHinkley</c> (river 0.15 and later).
/// </summary>
/// <remarks>
/// Defaults are river's: <c>min_instances = 30</c>, <c>delta = 0.005</c>, <c>threshold = 50</c>,
/// <c>alpha = 1 - 0.0001</c>, <c>mode = "both"</c>. With <c>d_t = x_t - mean_t</c> (the running mean including
/// x_t), the detector keeps <c>U_t = alpha U_{t-1} + d_t - delta</c> and <c>L_t = alpha L_{t-1} + d_t + delta</c>,
/// and signals once at least <c>min_instances</c> values were seen and <c>U_t - min U &gt; threshold</c> (an increase)
/// or <c>max L - L_t &gt; threshold</c> (a decrease). It starts afresh after a signal.
/// </remarks>
public sealed class PageHinkley : IChangeDetector
{
    private long _count;
    private double _mean;
    private double _sumIncrease;
    private double _sumDecrease;
    private double _minIncrease;
    private double _maxDecrease;
    private bool _signalled;

    /// <summary>Creates the detector.</summary>
    /// <param name="minInstances">Values to see before any signal.</param>
    /// <param name="delta">Magnitude of change tolerated.</param>
    /// <param name="threshold">Decision threshold (lambda).</param>
    /// <param name="alpha">Forgetting factor of the cumulative sums.</param>
    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        MinInstances = minInstances;
        Delta = delta;
        Threshold = threshold;
        Alpha = alpha;
        Reset();
    }

    /// <summary>Values to see before any signal.</summary>
    public int MinInstances { get; }

    /// <summary>Magnitude of change tolerated.</summary>
    public double Delta { get; }

    /// <summary>Decision threshold (lambda).</summary>
    public double Threshold { get; }

    /// <summary>Forgetting factor of the cumulative sums.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public double Statistic { get; private set; }

    /// <inheritdoc />
    public bool Update(double value)
    {
        if (_signalled)
        {
            Reset();
        }

        _count++;
        _mean += (value - _mean) / _count;
        var deviation = value - _mean;
        _sumIncrease = (Alpha * _sumIncrease) + deviation - Delta;
        _sumDecrease = (Alpha * _sumDecrease) + deviation + Delta;
        _minIncrease = Math.Min(_minIncrease, _sumIncrease);
        _maxDecrease = Math.Max(_maxDecrease, _sumDecrease);
        Statistic = Math.Max(_sumIncrease - _minIncrease, _maxDecrease - _sumDecrease);
        _signalled = _count >= MinInstances && Statistic > Threshold;
        return _signalled;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_count);
        writer.Write(_mean);
        writer.Write(_sumIncrease);
        writer.Write(_sumDecrease);
        writer.Write(_minIncrease);
        writer.Write(_maxDecrease);
        writer.Write(_signalled);
        writer.Write(Statistic);
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _count = reader.ReadInt64();
        _mean = reader.ReadDouble();
        _sumIncrease = reader.ReadDouble();
        _sumDecrease = reader.ReadDouble();
        _minIncrease = reader.ReadDouble();
        _maxDecrease = reader.ReadDouble();
        _signalled = reader.ReadBoolean();
        Statistic = reader.ReadDouble();
    }

    private void Reset()
    {
        _count = 0;
        _mean = 0.0;
        _sumIncrease = 0.0;
        _sumDecrease = 0.0;
        _minIncrease = double.PositiveInfinity;
        _maxDecrease = double.NegativeInfinity;
        _signalled = false;
        Statistic = 0.0;
    }
}
