using CompressionSafety.Engine.State;
using CompressionSafety.Kafka.Offsets;
using CompressionSafety.Kafka.State;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using PartitionPipeline = CompressionSafety.Engine.Pipeline.MonitorPipeline<Confluent.Kafka.ConsumeResult<byte[]?, byte[]?>>;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// The consume loop's link to the state changelog (docs/worker.md, "State and snapshots"): restores a partition's
/// engine, rule evaluator and review guard on assignment, before its first record, and says where to resume; saves the
/// state of every partition that changed at each commit point, before the offsets it covers are stored.
/// </summary>
internal sealed class PartitionStateKeeper(StateChangelog changelog, string configuration, ILogger logger)
{
    private readonly HashSet<int> _changed = [];

    /// <summary>Marks a partition number as changed since its last snapshot.</summary>
    public void Changed(int partition) => _changed.Add(partition);

    /// <summary>Forgets a revoked or lost partition: its new owner restores it.</summary>
    public void Forget(int partition) => _changed.Remove(partition);

    /// <summary>
    /// Restores the partition numbers of <paramref name="partitions"/> that have no engine yet and returns where each
    /// assigned partition starts: past the last record the restored state covers, at the held-back offset when the state
    /// could not be used, or the committed offset (<see cref="Offset.Unset"/>) when there is no snapshot.
    /// </summary>
    public List<TopicPartitionOffset> Restore(
        IReadOnlyCollection<TopicPartition> partitions,
        PartitionOffsetTracker tracker,
        Func<int, bool> hasEngine,
        Func<int, PartitionPipeline> fresh,
        Action<int, PartitionPipeline> install)
    {
        var starts = partitions.ToDictionary(p => p, _ => Offset.Unset);
        foreach (var number in partitions.Select(p => p.Partition.Value).Distinct().Where(n => !hasEngine(n)))
        {
            var read = changelog.Read(number);
            if (read.Snapshot is not { } snapshot)
            {
                StateLog.NoSnapshot(logger, number, read.Problem ?? "none");
                continue;
            }

            var pipeline = fresh(number);
            if (PartitionState.TryRead(snapshot.State, configuration, pipeline.Engine, pipeline.Rules, pipeline.Guard, out var problem))
            {
                install(number, pipeline);
                foreach (var partition in partitions.Where(p => p.Partition.Value == number))
                {
                    if (snapshot.Positions.TryGetValue(partition.Topic, out var offsets))
                    {
                        tracker.Import(partition, offsets);
                        starts[partition] = new Offset(offsets.Resume);
                    }
                }

                StateLog.Restored(logger, number, snapshot.State.Length, Describe(starts, number));
                continue;
            }

            // The engine stays fresh; replay from the held-back offset rebuilds its open windows, as without snapshots.
            foreach (var partition in partitions.Where(p => p.Partition.Value == number))
            {
                if (snapshot.Positions.TryGetValue(partition.Topic, out var offsets))
                {
                    starts[partition] = new Offset(offsets.Rebuild);
                }
            }

            StateLog.Rebuilding(logger, number, problem!, Describe(starts, number));
        }

        return [.. starts.Select(s => new TopicPartitionOffset(s.Key, s.Value))];
    }

    /// <summary>
    /// Hands the state of every changed partition to the changelog without waiting; the returned task completes when
    /// the changelog has it (the offsets it covers are stored only then), or faults when it could not be written.
    /// </summary>
    public Task Save(
        IReadOnlyCollection<TopicPartition> assigned,
        PartitionOffsetTracker tracker,
        IReadOnlyDictionary<int, PartitionPipeline> pipelines)
    {
        var snapshots = new List<PartitionSnapshot>();
        foreach (var number in _changed)
        {
            if (!pipelines.TryGetValue(number, out var pipeline))
            {
                continue;
            }

            var positions = new Dictionary<string, PartitionOffsets>(StringComparer.Ordinal);
            foreach (var partition in assigned.Where(p => p.Partition.Value == number))
            {
                if (tracker.Export(partition) is { } offsets)
                {
                    positions[partition.Topic] = offsets;
                }
            }

            snapshots.Add(new PartitionSnapshot(number, positions, PartitionState.Write(configuration, pipeline.Engine, pipeline.Rules, pipeline.Guard)));
        }

        if (snapshots.Count == 0)
        {
            return Task.CompletedTask;
        }

        var (delivered, bytes) = changelog.Write(snapshots);
        _changed.Clear();
        StateLog.Saved(logger, snapshots.Count, bytes);
        return delivered;
    }

    private static string Describe(Dictionary<TopicPartition, Offset> starts, int number) =>
        string.Join(",", starts.Where(s => s.Key.Partition.Value == number).Select(s => $"{s.Key.Topic}[{number}]@{s.Value}"));
}
