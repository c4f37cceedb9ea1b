namespace CompressionSafety.InfluxDb.Tests;

/// <summary>Buffer accounting that needs no server: nothing is sent because the batch never fills nor times out.</summary>
public sealed class InfluxDbSinkBufferTests
{
    [Fact]
    public async Task Write_ResultLargerThanTheSpaceLeft_DropsTheOldestResultsWholeAndCountsEveryPoint()
    {
        var options = TestData.Options("http://127.0.0.1:9", queue: 100, batch: 100);
        options.ScheduledDelay = TimeSpan.FromMinutes(10);
        options.ShutdownTimeout = TimeSpan.Zero;
        var sink = TestData.Sink(options);

        sink.Write(TestData.Window(0, metrics: 60));
        sink.Write(TestData.Window(1, metrics: 60));
        sink.Write(TestData.Window(2, metrics: 40));

        // Window 1 made room by dropping window 0 (all its 60 points); window 2 fits beside window 1.
        Assert.Equal(160, sink.AcceptedPoints);
        Assert.Equal(60, sink.DroppedPoints);
        Assert.Equal(100, sink.BufferedPoints);
        await sink.DisposeAsync();
        Assert.Equal(160, sink.DroppedPoints);
        Assert.Equal(0, sink.DeliveredPoints);
    }

    [Fact]
    public async Task Write_ResultLargerThanTheWholeQueue_DropsThatResultAndKeepsTheQueued()
    {
        var options = TestData.Options("http://127.0.0.1:9", queue: 100, batch: 100);
        options.ScheduledDelay = TimeSpan.FromMinutes(10);
        options.ShutdownTimeout = TimeSpan.Zero;
        var sink = TestData.Sink(options);

        sink.Write(TestData.Window(0, metrics: 60));
        sink.Write(TestData.Window(1, metrics: 101));

        Assert.Equal(60, sink.AcceptedPoints);
        Assert.Equal(101, sink.DroppedPoints);
        Assert.Equal(60, sink.BufferedPoints);
        await sink.DisposeAsync();
    }
}
