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
}
