using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// Two-sided tabular CUSUM control chart (Page 1954) as river's <c>drift.CUSUM</c> defines it.
/// </summary>
/// <remarks>
/// Defaults are river's: <c>min_instances = 30</c>, <c>slack = 0.5</c>, <c>threshold = 5</c> (both in reference
/// standard deviations, the classical values for standardised data), <c>mode = "both"</c>. The reference mean and the
/// sample standard deviation (n - 1 denominator) are estimated over the first <c>min_instances</c> values and then
/// frozen, so the chart does not chase the shift it should detect. From that value on,
/// <c>S+ = max(0, S+ + (x - mu) - k)</c> and <c>S- = max(0, S- - (x - mu) - k)</c> with <c>k = slack * sigma</c>, and the
/// detector signals when either exceeds <c>h = threshold * sigma</c>. It starts afresh after a signal.
/// </remarks>
public sealed class Cusum : IChangeDetector
{
    private long _count;
    private double _mean;
    private double _m2;
    private double _reference;
    private double _sigma;
    private bool _frozen;
    private double _sumIncrease;
    private double _sumDecrease;
    private bool _signalled;

    /// <summary>Creates the detector.</summary>
    /// <param name="minInstances">Warm-up values that estimate the reference mean and deviation.</param>
    /// <param name="slack">Slack k in reference standard deviations.</param>
    /// <param name="threshold">Decision interval h in reference standard deviations.</param>
    public Cusum(int minInstances = 30, double slack = 0.5, double threshold = 5.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(slack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        MinInstances = minInstances;
        Slack = slack;
        Threshold = threshold;
    }

    /// <summary>Warm-up values that estimate the reference mean and deviation.</summary>
    public int MinInstances { get; }

    /// <summary>Slack k in reference standard deviations.</summary>
    public double Slack { get; }

    /// <summary>Decision interval h in reference standard deviations.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    public double Statistic => Math.Max(_sumIncrease, _sumDecrease);

    /// <inheritdoc />
    public bool Update(double value)
    {
        if (_signalled)
        {
            Reset();
        }

        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        if (_count < MinInstances)
        {
            return false;
        }

        if (!_frozen)
        {
            _reference = _mean;
            _sigma = _count > 1 ? Math.Sqrt(Math.Max(_m2 / (_count - 1), 0.0)) : 0.0;
            _frozen = true;
        }

        var k = Slack * _sigma;
        var limit = Threshold * _sigma;
        var deviation = value - _reference;
        _sumIncrease = Math.Max(0.0, _sumIncrease + deviation - k);
        _sumDecrease = Math.Max(0.0, _sumDecrease - deviation - k);
        _signalled = _sumIncrease > limit || _sumDecrease > limit;
        return _signalled;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_count);
        writer.Write(_mean);
        writer.Write(_m2);
        writer.Write(_reference);
        writer.Write(_sigma);
        writer.Write(_frozen);
        writer.Write(_sumIncrease);
        writer.Write(_sumDecrease);
        writer.Write(_signalled);
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _count = reader.ReadInt64();
        _mean = reader.ReadDouble();
        _m2 = reader.ReadDouble();
        _reference = reader.ReadDouble();
        _sigma = reader.ReadDouble();
        _frozen = reader.ReadBoolean();
        _sumIncrease = reader.ReadDouble();
        _sumDecrease = reader.ReadDouble();
        _signalled = reader.ReadBoolean();
    }

    private void Reset()
    {
        _count = 0;
        _mean = 0.0;
        _m2 = 0.0;
        _reference = 0.0;
        _sigma = 0.0;
        _frozen = false;
        _sumIncrease = 0.0;
        _sumDecrease = 0.0;
        _signalled = false;
    }
}
