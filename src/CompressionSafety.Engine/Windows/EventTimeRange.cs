using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Windows;

/// <summary>The earliest and latest event time counted into one key-window: two longs, whatever the volume.</summary>
internal sealed class EventTimeRange : IStateful
{
    private long _first = long.MaxValue;
    private long _last = long.MinValue;

    /// <summary>The earliest event time added, or null before the first.</summary>
    public DateTimeOffset? First => _first == long.MaxValue ? null : new DateTimeOffset(_first, TimeSpan.Zero);

    /// <summary>The latest event time added, or null before the first.</summary>
    public DateTimeOffset? Last => _last == long.MinValue ? null : new DateTimeOffset(_last, TimeSpan.Zero);

    public void Add(long utcTicks)
    {
        _first = Math.Min(_first, utcTicks);
        _last = Math.Max(_last, utcTicks);
    }

    public void WriteState(StateWriter writer)
    {
        writer.Write(_first);
        writer.Write(_last);
    }

    public void ReadState(StateReader reader)
    {
        _first = reader.ReadInt64();
        _last = reader.ReadInt64();
    }
}
