using Confluent.Kafka;

namespace CompressionSafety.Kafka.Offsets;

/// <summary>
/// Decides how far each partition's offset may be committed without losing data a restart would need:
/// up to the oldest record still held by an open event-time window of that partition, or just past the
/// last processed record when no window is open. Pure bookkeeping: no I/O, no clock, not thread-safe
/// (the consume loop owns it).
/// </summary>
/// <remarks>
/// Windows are identified by a <see cref="long"/> chosen by the caller (for example the window start in
/// Unix milliseconds). A record may belong to several windows (hopping windows): register it once per window.
/// </remarks>
public sealed class PartitionOffsetTracker
{
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];

    /// <summary>The partitions currently tracked.</summary>
    public IReadOnlyCollection<TopicPartition> Partitions => _partitions.Keys;

    /// <summary>Records that the record at <paramref name="offset"/> was processed and is held by <paramref name="window"/>.</summary>
    /// <param name="partition">The record's topic and partition.</param>
    /// <param name="offset">The record's offset.</param>
    /// <param name="window">The open window that holds the record.</param>
    public void Register(TopicPartition partition, long offset, long window)
    {
        var state = Get(partition);
        state.Processed(offset);
        if (!state.OpenWindows.TryGetValue(window, out var oldest) || offset < oldest)
        {
            state.OpenWindows[window] = offset;
        }
    }

    /// <summary>Records that the record at <paramref name="offset"/> was processed and is held by no window (dead-lettered, late, a duplicate).</summary>
    /// <param name="partition">The record's topic and partition.</param>
    /// <param name="offset">The record's offset.</param>
    public void RegisterProcessed(TopicPartition partition, long offset) => Get(partition).Processed(offset);

    /// <summary>Records that a window of a partition closed and its results are durable; its records are no longer needed.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="window">The window.</param>
    /// <returns><see langword="true"/> if the window was open.</returns>
    public bool CloseWindow(TopicPartition partition, long window) =>
        _partitions.TryGetValue(partition, out var state) && state.OpenWindows.Remove(window);

    /// <summary>Closes every open window of a partition whose id is at most <paramref name="lastWindow"/>.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="lastWindow">The largest window id to close.</param>
    /// <returns>How many windows were closed.</returns>
    public int CloseWindowsThrough(TopicPartition partition, long lastWindow)
    {
        if (!_partitions.TryGetValue(partition, out var state))
        {
            return 0;
        }

        var closed = 0;
        while (state.OpenWindows.Count > 0 && state.OpenWindows.Keys[0] <= lastWindow)
        {
            state.OpenWindows.RemoveAt(0);
            closed++;
        }

        return closed;
    }

    /// <summary>
    /// The offset to commit for <paramref name="partition"/> (Kafka semantics: the next offset to read),
    /// or <see langword="null"/> when nothing was processed on it yet.
    /// </summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The committable offset, never smaller than one returned before for this partition.</returns>
    public long? CommittableOffset(TopicPartition partition)
    {
        if (!_partitions.TryGetValue(partition, out var state) || state.LastProcessed < 0)
        {
            return null;
        }

        var candidate = state.LastProcessed + 1;
        foreach (var oldest in state.OpenWindows.Values)
        {
            candidate = Math.Min(candidate, oldest);
        }

        // A record for an older, still-open window can arrive after a newer window opened; the commit must
        // still never move backwards, because Kafka may already hold the larger value.
        state.Committable = Math.Max(state.Committable, candidate);
        return state.Committable;
    }

    /// <summary>The committable offset of every tracked partition that has one.</summary>
    /// <returns>One entry per partition.</returns>
    public IReadOnlyList<TopicPartitionOffset> CommittableOffsets()
    {
        var result = new List<TopicPartitionOffset>(_partitions.Count);
        foreach (var partition in _partitions.Keys)
        {
            if (CommittableOffset(partition) is { } offset)
            {
                result.Add(new TopicPartitionOffset(partition, new Offset(offset)));
            }
        }

        return result;
    }

    /// <summary>
    /// The offset just past the last processed record of <paramref name="partition"/>, or null when nothing was
    /// processed: what may be committed once the partition's state is durable in a snapshot.
    /// </summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The next offset to read.</returns>
    public long? ProcessedOffset(TopicPartition partition) =>
        _partitions.TryGetValue(partition, out var state) && state.LastProcessed >= 0 ? state.LastProcessed + 1 : null;

    /// <summary>Everything the tracker knows about <paramref name="partition"/>, to keep beside a state snapshot.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The positions; null for an unknown partition.</returns>
    public PartitionOffsets? Export(TopicPartition partition)
    {
        if (!_partitions.TryGetValue(partition, out var state))
        {
            return null;
        }

        // Computed first so the exported held-back offset is the one a commit now would use.
        var committable = CommittableOffset(partition) ?? -1;
        return new PartitionOffsets(state.LastProcessed, committable, [.. state.OpenWindows.Select(w => new WindowOffset(w.Key, w.Value))]);
    }

    /// <summary>Replaces what the tracker knows about <paramref name="partition"/> with positions restored with its state.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="offsets">What <see cref="Export"/> returned when the state was saved.</param>
    public void Import(TopicPartition partition, PartitionOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var state = new PartitionState { Committable = offsets.Committable };
        if (offsets.LastProcessed >= 0)
        {
            state.Processed(offsets.LastProcessed);
        }

        foreach (var window in offsets.OpenWindows)
        {
            state.OpenWindows[window.Window] = window.Offset;
        }

        _partitions[partition] = state;
    }

    /// <summary>How many windows of <paramref name="partition"/> are open.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The count; 0 for an unknown partition.</returns>
    public int OpenWindowCount(TopicPartition partition) =>
        _partitions.TryGetValue(partition, out var state) ? state.OpenWindows.Count : 0;

    /// <summary>Forgets a revoked or lost partition: its new owner rebuilds the windows from the committed offset.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns><see langword="true"/> if the partition was tracked.</returns>
    public bool Remove(TopicPartition partition) => _partitions.Remove(partition);

    private PartitionState Get(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (!_partitions.TryGetValue(partition, out var state))
        {
            state = new PartitionState();
            _partitions.Add(partition, state);
        }

        return state;
    }

    private sealed class PartitionState
    {
        public SortedList<long, long> OpenWindows { get; } = [];

        public long LastProcessed { get; private set; } = -1;

        public long Committable { get; set; } = -1;

        public void Processed(long offset)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            LastProcessed = Math.Max(LastProcessed, offset);
        }
    }
}
