namespace CompressionSafety.Engine.Windows;

/// <summary>One window while it is open: traffic until end + grace, labelled statistics until end + label horizon.</summary>
internal sealed class OpenWindow(long startTicks, long endTicks)
{
    public long StartTicks { get; } = startTicks;

    public long EndTicks { get; } = endTicks;

    /// <summary>Traffic accumulators per key; released when the traffic phase closes.</summary>
    public Dictionary<WindowKey, TrafficAccumulator>? Traffic { get; set; } = [];

    /// <summary>The keys that had traffic, sorted, kept after the traffic phase closes.</summary>
    public List<WindowKey>? Keys { get; set; }

    public Dictionary<WindowKey, LabelAccumulator> Labels { get; } = [];

    /// <summary>Event ids of predictions of this window still waiting for a delayed label.</summary>
    public List<string> PendingEventIds { get; } = [];

    public bool TrafficClosed => Traffic is null;

    // The accumulators of Traffic again, by the engine's dense key id, so a record finds its keys without hashing.
    // Filled on first use of an id in this window (restored windows start empty and fill from Traffic).
    private TrafficAccumulator?[] _trafficById = [];

    /// <summary>The traffic accumulator of <paramref name="key"/> (engine id <paramref name="id"/>), created and added to <see cref="Traffic"/> when missing.</summary>
    public TrafficAccumulator TrafficOf(int id, WindowKey key, EngineOptions options, string positiveLabel)
    {
        if (id < _trafficById.Length && _trafficById[id] is { } known)
        {
            return known;
        }

        if (!Traffic!.TryGetValue(key, out var accumulator))
        {
            accumulator = new TrafficAccumulator(options, positiveLabel);
            Traffic.Add(key, accumulator);
        }

        if (id >= _trafficById.Length)
        {
            Array.Resize(ref _trafficById, Math.Max(id + 1, _trafficById.Length * 2));
        }

        _trafficById[id] = accumulator;
        return accumulator;
    }

    /// <summary>Ends the traffic phase: releases the accumulators.</summary>
    public void CloseTraffic(List<WindowKey> keys)
    {
        Keys = keys;
        Traffic = null;
        _trafficById = [];
    }
}
