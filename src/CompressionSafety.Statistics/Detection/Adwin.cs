using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// ADWIN adaptive windowing (Bifet and Gavaldà, "Learning from Time-Changing Data with Adaptive Windowing", SDM 2007),
/// the exponential-histogram version (ADWIN2), with river's <c>drift.ADWIN</c> defaults.
/// </summary>
/// <remarks>
/// <para>
/// Defaults are river's: <c>delta = 0.002</c>, <c>clock = 32</c>, <c>max_buckets = 5</c>,
/// <c>min_window_length = 5</c>, <c>grace_period = 10</c>. The window is kept as buckets of 2^i values with their sum
/// and sum of squared deviations; a row holding more than <c>max_buckets</c> buckets merges its two oldest into the
/// next row. Every <c>clock</c> values, once the window is longer than <c>grace_period</c>, each bucket boundary
/// splits the window into an older part (n0 values) and a newer part (n1 values); with <c>W</c> the window length,
/// <c>sigma^2</c> its variance, <c>d = ln(2 ln(W) / delta)</c> and
/// <c>m = 1 / (n0 - min_window_length + 1) + 1 / (n1 - min_window_length + 1)</c>, a cut holds when both parts have at
/// least <c>min_window_length</c> values and <c>|mean0 - mean1| &gt;= sqrt(2 m sigma^2 d) + 2/3 d m</c>. The oldest
/// bucket is then dropped and the boundaries are scanned again; the value at which any drop happens is a signal.
/// ADWIN does not reset after a signal: its window has already shrunk to the part after the change.
/// </para>
/// <para><see cref="Statistic"/> is the mean of the current window.</para>
/// </remarks>
public sealed class Adwin : IChangeDetector
{
    private readonly List<List<AdwinBucket>> _rows = [[]];
    private long _tick;
    private double _total;
    private double _squaredDeviations;

    /// <summary>Creates the detector.</summary>
    /// <param name="delta">Confidence parameter of the cut test.</param>
    /// <param name="clock">How often, in values, cuts are checked.</param>
    /// <param name="maxBuckets">Buckets per row before the two oldest merge.</param>
    /// <param name="minWindowLength">Minimum length of each side of a cut.</param>
    /// <param name="gracePeriod">Window length to exceed before cuts are checked.</param>
    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        if (!(delta > 0.0 && delta < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(clock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWindowLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gracePeriod);
        Delta = delta;
        Clock = clock;
        MaxBuckets = maxBuckets;
        MinWindowLength = minWindowLength;
        GracePeriod = gracePeriod;
    }

    /// <summary>Confidence parameter of the cut test.</summary>
    public double Delta { get; }

    /// <summary>How often, in values, cuts are checked.</summary>
    public int Clock { get; }

    /// <summary>Buckets per row before the two oldest merge.</summary>
    public int MaxBuckets { get; }

    /// <summary>Minimum length of each side of a cut.</summary>
    public int MinWindowLength { get; }

    /// <summary>Window length to exceed before cuts are checked.</summary>
    public int GracePeriod { get; }

    /// <summary>Number of values in the current window.</summary>
    public long Width { get; private set; }

    /// <summary>Variance of the current window (population form).</summary>
    public double Variance => Width > 0 ? _squaredDeviations / Width : 0.0;

    /// <inheritdoc />
    public double Statistic => Width > 0 ? _total / Width : 0.0;

    /// <inheritdoc />
    public bool Update(double value)
    {
        Insert(value);
        _tick++;
        if (_tick % Clock != 0 || Width <= GracePeriod)
        {
            return false;
        }

        var detected = false;
        while (TryCut())
        {
            detected = true;
        }

        return detected;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_tick);
        writer.Write(_total);
        writer.Write(_squaredDeviations);
        writer.Write(Width);
        writer.WriteEach(_rows, static (w, row) => w.WriteEach(row, static (w, bucket) =>
        {
            w.Write(bucket.Total);
            w.Write(bucket.SquaredDeviations);
        }));
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _tick = reader.ReadInt64();
        _total = reader.ReadDouble();
        _squaredDeviations = reader.ReadDouble();
        Width = reader.ReadInt64();
        _rows.Clear();
        reader.ReadEach(r =>
        {
            var row = new List<AdwinBucket>();
            r.ReadEach(b => row.Add(new AdwinBucket(b.ReadDouble(), b.ReadDouble())));
            _rows.Add(row);
        });
        if (_rows.Count == 0)
        {
            throw new InvalidDataException("An ADWIN snapshot has no rows.");
        }
    }

    private void Insert(double value)
    {
        if (Width > 0)
        {
            var deviation = value - (_total / Width);
            _squaredDeviations += Width * deviation * deviation / (Width + 1);
        }

        Width++;
        _total += value;
        _rows[0].Add(new AdwinBucket(value, 0.0));
        for (var i = 0; i < _rows.Count && _rows[i].Count > MaxBuckets; i++)
        {
            if (i + 1 == _rows.Count)
            {
                _rows.Add([]);
            }

            var size = (double)(1L << i);
            var older = _rows[i][0];
            var newer = _rows[i][1];
            var gap = (older.Total / size) - (newer.Total / size);
            var merged = new AdwinBucket(older.Total + newer.Total, older.SquaredDeviations + newer.SquaredDeviations + (size * size * gap * gap / (2.0 * size)));
            _rows[i].RemoveRange(0, 2);
            _rows[i + 1].Add(merged);
        }
    }

    private bool TryCut()
    {
        var logTerm = Math.Log(2.0 * Math.Log(Width) / Delta);
        var variance = _squaredDeviations / Width;
        long n0 = 0;
        var u0 = 0.0;
        for (var i = _rows.Count - 1; i >= 0; i--)
        {
            var size = 1L << i;
            var row = _rows[i];
            for (var j = 0; j < row.Count; j++)
            {
                n0 += size;
                u0 += row[j].Total;
                var n1 = Width - n0;
                if (n1 <= 0)
                {
                    return false;
                }

                if (n0 < MinWindowLength || n1 < MinWindowLength)
                {
                    continue;
                }

                var difference = (u0 / n0) - ((_total - u0) / n1);
                var m = (1.0 / (n0 - MinWindowLength + 1)) + (1.0 / (n1 - MinWindowLength + 1));
                var epsilon = Math.Sqrt(2.0 * m * variance * logTerm) + (2.0 / 3.0 * logTerm * m);
                if (Math.Abs(difference) >= epsilon)
                {
                    DropOldest();
                    return true;
                }
            }
        }

        return false;
    }

    private void DropOldest()
    {
        var last = _rows.Count - 1;
        while (_rows[last].Count == 0)
        {
            last--;
        }

        var bucket = _rows[last][0];
        _rows[last].RemoveAt(0);
        var size = (double)(1L << last);
        Width -= 1L << last;
        _total -= bucket.Total;
        if (Width > 0)
        {
            var gap = (bucket.Total / size) - (_total / Width);
            _squaredDeviations -= bucket.SquaredDeviations + (size * Width * gap * gap / (size + Width));
            _squaredDeviations = Math.Max(_squaredDeviations, 0.0);
        }
        else
        {
            _squaredDeviations = 0.0;
        }

        while (_rows.Count > 1 && _rows[^1].Count == 0)
        {
            _rows.RemoveAt(_rows.Count - 1);
        }
    }
}
