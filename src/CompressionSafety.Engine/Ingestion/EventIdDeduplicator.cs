using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Ingestion;

/// <summary>
/// Recognises a repeated <c>event_id</c> within an event-time horizon. Ids are forgotten once stream time has moved
/// more than the horizon past their event time, or, past <c>capacity</c>, oldest first (counted in <see cref="ForgottenEarly"/>),
/// so memory is bounded by traffic rate times horizon.
/// </summary>
internal sealed class EventIdDeduplicator(TimeSpan horizon, int capacity) : IStateful
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(long Ticks, string Id)> _order = new();

    /// <summary>Ids forgotten before their horizon because the capacity was reached.</summary>
    public long ForgottenEarly { get; private set; }

    /// <summary>Ids currently remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>True when <paramref name="eventId"/> is remembered.</summary>
    public bool Contains(string eventId) => _seen.ContainsKey(eventId);

    /// <summary>True when <paramref name="eventId"/> is new (and remembers it); false for a duplicate.</summary>
    public bool TryAdd(string eventId, DateTimeOffset eventTime)
    {
        var ticks = eventTime.UtcTicks;
        if (!_seen.TryAdd(eventId, ticks))
        {
            return false;
        }

        _order.Enqueue((ticks, eventId));
        while (_seen.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _seen.Remove(oldest.Id);
            ForgottenEarly++;
        }

        return true;
    }

    /// <summary>Forgets ids whose event time is more than the horizon before <paramref name="streamTime"/>.</summary>
    public void Expire(DateTimeOffset streamTime)
    {
        var cutoff = streamTime.UtcTicks - horizon.Ticks;
        while (_order.TryPeek(out var oldest) && oldest.Ticks < cutoff)
        {
            _order.Dequeue();
            _seen.Remove(oldest.Id);
        }
    }

    /// <summary>The ids in the order they are forgotten; the lookup holds exactly these.</summary>
    public void WriteState(StateWriter writer)
    {
        writer.Write(ForgottenEarly);
        writer.WriteEach(_order, static (w, entry) =>
        {
            w.Write(entry.Ticks);
            w.Write(entry.Id);
        });
    }

    public void ReadState(StateReader reader)
    {
        ForgottenEarly = reader.ReadInt64();
        _seen.Clear();
        _order.Clear();
        reader.ReadEach(r =>
        {
            var ticks = r.ReadInt64();
            var id = r.ReadString();
            _seen.Add(id, ticks);
            _order.Enqueue((ticks, id));
        });
    }
}
