using CompressionSafety.Kafka.Offsets;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Kafka;

public sealed class PartitionOffsetTrackerTests
{
    private static readonly TopicPartition P0 = new("logs", 0);
    private static readonly TopicPartition P1 = new("logs", 1);

    [Fact]
    public void CommittableOffset_UnknownPartition_ReturnsNull()
    {
        var tracker = new PartitionOffsetTracker();

        Assert.Null(tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CommittableOffset_NoWindowOpen_ReturnsLastProcessedPlusOne()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.RegisterProcessed(P0, 10);
        tracker.RegisterProcessed(P0, 11);

        Assert.Equal(12, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CommittableOffset_WindowOpen_ReturnsOldestOffsetOfThatWindow()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 5, window: 100);
        tracker.Register(P0, 6, window: 100);
        tracker.RegisterProcessed(P0, 7);

        Assert.Equal(5, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CloseWindow_OldestWindowClosed_AdvancesToOldestOffsetOfNextOpenWindow()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 5, window: 100);
        tracker.Register(P0, 6, window: 200);
        tracker.Register(P0, 7, window: 100);
        tracker.Register(P0, 8, window: 200);

        Assert.True(tracker.CloseWindow(P0, 100));

        Assert.Equal(6, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CloseWindow_LastWindowClosed_ReturnsLastProcessedPlusOne()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 5, window: 100);
        tracker.Register(P0, 6, window: 200);
        tracker.RegisterProcessed(P0, 9);

        tracker.CloseWindow(P0, 100);
        tracker.CloseWindow(P0, 200);

        Assert.Equal(10, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CommittableOffset_RecordForOlderOpenWindowAfterCommit_NeverMovesBackwards()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 5, window: 200);
        tracker.CloseWindow(P0, 200);
        Assert.Equal(6, tracker.CommittableOffset(P0));

        // A straggler for an older window that is still open (within grace) arrives after the commit.
        tracker.Register(P0, 3, window: 100);

        Assert.Equal(6, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CloseWindowsThrough_SomeWindowsAfterLimit_ClosesOnlyWindowsUpToLimit()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 1, window: 100);
        tracker.Register(P0, 2, window: 200);
        tracker.Register(P0, 3, window: 300);

        var closed = tracker.CloseWindowsThrough(P0, 200);

        Assert.Equal(2, closed);
        Assert.Equal(1, tracker.OpenWindowCount(P0));
        Assert.Equal(3, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void Register_HoppingWindowsShareARecord_HeldUntilBothClose()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 4, window: 100);
        tracker.Register(P0, 4, window: 150);
        tracker.Register(P0, 5, window: 150);

        tracker.CloseWindow(P0, 100);

        Assert.Equal(4, tracker.CommittableOffset(P0));
    }

    [Fact]
    public void CommittableOffsets_TwoPartitions_TrackedIndependently()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 10, window: 100);
        tracker.Register(P0, 11, window: 100);
        tracker.RegisterProcessed(P1, 40);

        var offsets = tracker.CommittableOffsets().ToDictionary(o => o.TopicPartition, o => o.Offset.Value);

        Assert.Equal(10, offsets[P0]);
        Assert.Equal(41, offsets[P1]);
    }

    [Fact]
    public void Remove_RevokedPartition_ForgetsItsWindowsAndOffsets()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Register(P0, 10, window: 100);
        tracker.RegisterProcessed(P1, 3);

        Assert.True(tracker.Remove(P0));

        Assert.Null(tracker.CommittableOffset(P0));
        Assert.Equal(0, tracker.OpenWindowCount(P0));
        Assert.Equal([P1], tracker.Partitions);
    }

    [Fact]
    public void RegisterProcessed_NegativeOffset_Throws()
    {
        var tracker = new PartitionOffsetTracker();

        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.RegisterProcessed(P0, -1));
    }
}
