using CompressionSafety.Worker.Ingestion;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Commit points wait for the output records before them and for the state snapshots that cover them, never blocking.</summary>
public sealed class DeliveryGateTests
{
    private static readonly TopicPartition Input = new("inference-logs", new Partition(0));

    private static TopicPartitionOffset At(long offset) => new(Input, new Offset(offset));

    [Fact]
    public void Release_RecordsAcknowledged_ReleasesLatestOffsetOfThePointsDelivered()
    {
        var gate = new DeliveryGate();
        gate.Add(5, [At(100)]);
        gate.Add(9, [At(200)]);

        Assert.Empty(gate.Release(4));
        Assert.Equal([At(100)], gate.Release(7));
        Assert.Equal([At(200)], gate.Release(9));
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public void Release_SnapshotNotYetWritten_HoldsThatPointAndEveryLaterOne()
    {
        var gate = new DeliveryGate();
        var snapshot = new TaskCompletionSource();
        gate.Add(1, [At(100)], snapshot.Task);
        gate.Add(2, [At(200)], Task.CompletedTask);

        // Every output record is acknowledged, but the changelog does not have the state yet: nothing is storable,
        // not even the later point (offsets are stored in order).
        Assert.Empty(gate.Release(10));
        Assert.False(gate.Snapshots.IsCompleted);

        snapshot.SetResult();

        Assert.Equal([At(200)], gate.Release(10));
        Assert.True(gate.Snapshots.IsCompleted);
    }

    [Fact]
    public void Release_SnapshotWriteFailed_Throws()
    {
        var gate = new DeliveryGate();
        gate.Add(1, [At(100)], Task.FromException(new KafkaException(ErrorCode.Local_MsgTimedOut)));

        var thrown = Assert.Throws<KafkaException>(() => gate.Release(1));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, thrown.Error.Code);
    }

    [Fact]
    public void Forget_RevokedPartition_KeepsTheOtherPartitionsPointsAndTheirSnapshots()
    {
        var gate = new DeliveryGate();
        var other = new TopicPartition("labels", new Partition(0));
        var snapshot = new TaskCompletionSource();
        gate.Add(1, [At(100), new TopicPartitionOffset(other, new Offset(7))], snapshot.Task);

        gate.Forget(Input);

        Assert.Empty(gate.Release(1));
        snapshot.SetResult();
        Assert.Equal([new TopicPartitionOffset(other, new Offset(7))], gate.Release(1));
    }
}
