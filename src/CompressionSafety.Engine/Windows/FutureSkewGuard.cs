using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// Decides which predictions may move stream time, so that one record dated 2099 (or 9999) can neither close every
/// open window nor make the rest of the stream late. A prediction more than the bound ahead of stream time (or, when
/// the caller passes one, of its clock's now) is <c>future_timestamp</c>. Nothing is trusted on its own:
/// stream time is set only once two predictions agree within the bound (the first record alone does not set it), and
/// a jump past the bound (traffic resuming after a real gap) is taken only when <see cref="JumpConfirmations"/>
/// consecutive predictions agree on it, the earlier ones of which are dead-lettered. Event times past
/// <see cref="LatestEventTime"/> are refused outright: nanosecond timestamps (line protocol) end in 2262, and window
/// arithmetic must never approach <see cref="DateTimeOffset.MaxValue"/>.
/// </summary>
internal sealed class FutureSkewGuard(TimeSpan bound) : IStateful
{
    /// <summary>Consecutive predictions that must agree (within the bound) before stream time jumps past the bound.</summary>
    public const int JumpConfirmations = 3;

    /// <summary>The latest event time any record may carry.</summary>
    public static readonly DateTimeOffset LatestEventTime = new(2262, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxCandidates = 8;
    private readonly long _bound = bound.Ticks;
    private readonly List<long> _candidates = [];
    private readonly List<long> _ahead = [];

    /// <summary>True when <paramref name="ticks"/> is past <see cref="LatestEventTime"/> or the bound ahead of <paramref name="now"/>.</summary>
    public bool BeyondClock(long ticks, DateTimeOffset? now) =>
        ticks > LatestEventTime.UtcTicks || (now is { } n && ticks - n.UtcTicks > _bound);

    /// <summary>
    /// Judges one prediction against stream time (<see cref="long.MinValue"/> while not set). Returns false for a
    /// future timestamp; otherwise true with the stream time after it (still <see cref="long.MinValue"/> until set).
    /// </summary>
    public bool TryAdvance(long ticks, long streamTicks, DateTimeOffset? now, out long newStreamTicks)
    {
        newStreamTicks = streamTicks;
        if (BeyondClock(ticks, now))
        {
            return false;
        }

        if (streamTicks == long.MinValue)
        {
            // Stream start: the first predictions are counted, but only two that agree set stream time.
            var agreeing = long.MinValue;
            foreach (var candidate in _candidates)
            {
                if (Math.Abs(candidate - ticks) <= _bound)
                {
                    agreeing = Math.Max(agreeing, candidate);
                }
            }

            if (agreeing == long.MinValue)
            {
                if (_candidates.Count == MaxCandidates)
                {
                    _candidates.RemoveAt(0);
                }

                _candidates.Add(ticks);
                return true;
            }

            _candidates.Clear();
            newStreamTicks = Math.Max(agreeing, ticks);
            return true;
        }

        if (ticks - streamTicks <= _bound)
        {
            _ahead.Clear();
            newStreamTicks = Math.Max(streamTicks, ticks);
            return true;
        }

        var confirmations = _ahead.Count(a => Math.Abs(a - ticks) <= _bound);
        if (confirmations + 1 >= JumpConfirmations)
        {
            _ahead.Clear();
            newStreamTicks = ticks;
            return true;
        }

        if (_ahead.Count == JumpConfirmations - 1)
        {
            _ahead.RemoveAt(0);
        }

        _ahead.Add(ticks);
        return false;
    }

    public void WriteState(StateWriter writer)
    {
        writer.WriteEach(_candidates, static (w, t) => w.Write(t));
        writer.WriteEach(_ahead, static (w, t) => w.Write(t));
    }

    public void ReadState(StateReader reader)
    {
        reader.ReadEach(r => _candidates.Add(r.ReadInt64()));
        reader.ReadEach(r => _ahead.Add(r.ReadInt64()));
    }
}
