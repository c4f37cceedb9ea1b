using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// EWMA control chart (Roberts 1959) as river's <c>drift.EWMA</c> defines it.
/// </summary>
/// <remarks>
/// Defaults are river's: <c>alpha = 0.1</c>, <c>threshold = 4</c>, <c>min_instances = 30</c>, <c>mode = "both"</c>.
/// The chart statistic is <c>Z_1 = x_1</c>, <c>Z_t = alpha x_t + (1 - alpha) Z_{t-1}</c>; the centre line is the running
/// mean of all values since the last reset; sigma^2 is the exponentially weighted variance with the same alpha
/// (<c>m_t = alpha x_t + (1 - alpha) m_{t-1}</c>, <c>s_t = alpha x_t^2 + (1 - alpha) s_{t-1}</c>, both started at the
/// first value, <c>sigma^2 = s - m^2</c>; this reproduces the sequence in river's <c>stats.EWVar</c> documentation). From <c>min_instances</c> values on, the detector signals when
/// <c>|Z - mean| &gt; threshold * sigma * sqrt(alpha / (2 - alpha) * (1 - (1 - alpha)^(2t)))</c>. It starts afresh after
/// a signal.
/// </remarks>
public sealed class EwmaChart : IChangeDetector
{
    private long _count;
    private double _z;
    private double _mean;
    private double _ewMean;
    private double _ewSquare;
    private bool _signalled;

    /// <summary>Creates the detector.</summary>
    /// <param name="alpha">Weight of the newest value, in (0, 1].</param>
    /// <param name="threshold">Width of the control limits in EWMA standard errors.</param>
    /// <param name="minInstances">Values to see before any signal.</param>
    public EwmaChart(double alpha = 0.1, double threshold = 4.0, int minInstances = 30)
    {
        if (!(alpha > 0.0 && alpha <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 1);
        Alpha = alpha;
        Threshold = threshold;
        MinInstances = minInstances;
    }

    /// <summary>Weight of the newest value.</summary>
    public double Alpha { get; }

    /// <summary>Width of the control limits in EWMA standard errors.</summary>
    public double Threshold { get; }

    /// <summary>Values to see before any signal.</summary>
    public int MinInstances { get; }

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
        if (_count == 1)
        {
            _z = value;
            _ewMean = value;
            _ewSquare = value * value;
        }
        else
        {
            _z = (Alpha * value) + ((1.0 - Alpha) * _z);
            _ewMean = (Alpha * value) + ((1.0 - Alpha) * _ewMean);
            _ewSquare = (Alpha * value * value) + ((1.0 - Alpha) * _ewSquare);
        }

        _mean += (value - _mean) / _count;
        Statistic = Math.Abs(_z - _mean);
        if (_count < MinInstances)
        {
            return false;
        }

        var sigma = Math.Sqrt(Math.Max(_ewSquare - (_ewMean * _ewMean), 0.0));
        var factor = Alpha / (2.0 - Alpha) * (1.0 - Math.Pow(1.0 - Alpha, 2.0 * _count));
        _signalled = Statistic > Threshold * sigma * Math.Sqrt(factor);
        return _signalled;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_count);
        writer.Write(_z);
        writer.Write(_mean);
        writer.Write(_ewMean);
        writer.Write(_ewSquare);
        writer.Write(_signalled);
        writer.Write(Statistic);
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _count = reader.ReadInt64();
        _z = reader.ReadDouble();
        _mean = reader.ReadDouble();
        _ewMean = reader.ReadDouble();
        _ewSquare = reader.ReadDouble();
        _signalled = reader.ReadBoolean();
        Statistic = reader.ReadDouble();
    }

    private void Reset()
    {
        _count = 0;
        _z = 0.0;
        _mean = 0.0;
        _ewMean = 0.0;
        _ewSquare = 0.0;
        _signalled = false;
        Statistic = 0.0;
    }
}
