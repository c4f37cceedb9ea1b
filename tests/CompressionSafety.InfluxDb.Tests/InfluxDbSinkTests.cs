using CompressionSafety.Engine.Output;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>The sink's real InfluxDB client writing to a real VictoriaMetrics server.</summary>
public sealed class InfluxDbSinkTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task Write_WindowResult_StoresEveryFinitePointWithTagsAndTimestamp()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        await using var sink = TestData.Sink(TestData.Options(server.Url));

        sink.Write(TestData.RichWindow());
        await sink.FlushAsync(new CancellationTokenSource(Deadline).Token);

        var series = await server.ExportAsync(LineProtocol.WindowMeasurement + "_" + PointSchema.ValueField);
        Assert.Equal(3, series.Count);
        var own = Assert.Single(series, s => s.Labels["metric"] == "flagged_rate");
        Assert.Equal("toxicity-guard", own.Labels["model"]);
        Assert.Equal("int8", own.Labels["variant"]);
        Assert.Equal("locale=de", own.Labels["slice"]);
        Assert.Equal("traffic", own.Labels["kind"]);
        Assert.Equal(LineProtocol.SelfReference, own.Labels["reference"]);
        Assert.Equal([0.125], own.Values);
        Assert.Equal([TestData.Start.ToUnixTimeMilliseconds()], own.Timestamps);
        var diff = Assert.Single(series, s => s.Labels["metric"] == "flagged_rate_diff");
        Assert.Equal("baseline", diff.Labels["reference"]);
        Assert.Equal([-0.0375], diff.Values);
        Assert.Equal(3, sink.DeliveredPoints);
        Assert.Equal(InfluxDbSinkHealth.Healthy, sink.Health);
    }

    [SkippableFact]
    public async Task Publish_FiringIncident_StoresFiringOneWithIdTag()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        await using var sink = TestData.Sink(TestData.Options(server.Url));
        var incident = TestData.Incident(Engine.Rules.IncidentStatus.Firing, TestData.Start.AddMinutes(7));

        sink.Publish(incident);
        await sink.FlushAsync(new CancellationTokenSource(Deadline).Token);

        var series = Assert.Single(await server.ExportAsync(PointSchema.IncidentMeasurement + "_" + PointSchema.FiringField));
        Assert.Equal(incident.Id, series.Labels["incident_id"]);
        Assert.Equal("flagged-rate-up", series.Labels["rule"]);
        Assert.Equal("critical", series.Labels["severity"]);
        Assert.Equal("firing", series.Labels["status"]);
        Assert.Equal("safety", series.Labels["team"]);
        Assert.Equal([1.0], series.Values);
        Assert.Equal([TestData.Start.AddMinutes(7).ToUnixTimeMilliseconds()], series.Timestamps);
    }

    [SkippableFact]
    public async Task Write_MoreThanOneBatch_DeliversEveryPoint()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        // A request slower than the export timeout is retried although the server may have stored it (at least once):
        // a timeout far above any write here keeps this test about batching, not about a loaded machine (CI once saw
        // a 2 s timeout retry one batch of 100).
        var options = TestData.Options(server.Url, queue: 10_000, batch: 100);
        options.ExportTimeout = TimeSpan.FromSeconds(30);
        await using var sink = TestData.Sink(options);

        for (var i = 0; i < 1_000; i++)
        {
            sink.Write(TestData.Window(i));
        }

        await sink.FlushAsync(new CancellationTokenSource(Deadline).Token);

        var series = Assert.Single(await server.ExportAsync(LineProtocol.WindowMeasurement + "_" + PointSchema.ValueField));
        Assert.Equal(1_000, series.Timestamps.Distinct().Count());
        Assert.Equal(1_000, series.Values.Count);
        Assert.Equal(TestData.Start.AddMinutes(999).ToUnixTimeMilliseconds(), series.Timestamps[^1]);
        Assert.Equal(1_000, sink.DeliveredPoints);
        Assert.Equal(0, sink.DroppedPoints);
    }

    [SkippableFact]
    public async Task Write_ServerDownWithinBound_BuffersDegradesAndDeliversAfterRestart()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        await using var sink = TestData.Sink(TestData.Options(server.Url, queue: 1_000, batch: 50));
        var health = new InfluxDbHealthCheck(sink);
        sink.Write(TestData.Window(0));
        await sink.FlushAsync(new CancellationTokenSource(Deadline).Token);

        await server.KillAsync();
        for (var i = 1; i <= 500; i++)
        {
            sink.Write(TestData.Window(i));
        }

        await VictoriaMetricsServer.WaitUntilAsync(() => Task.FromResult(sink.Health == InfluxDbSinkHealth.Degraded), Deadline, "degraded health");
        Assert.Equal(500, sink.BufferedPoints);
        Assert.Equal(0, sink.DroppedPoints);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, (await health.CheckHealthAsync(new())).Status);

        await server.RestartAsync();
        await sink.FlushAsync(new CancellationTokenSource(Deadline).Token);

        // A killed VictoriaMetrics loses its last seconds of in-memory data (the point written before the outage), so
        // check that every point written during the outage arrived.
        var series = Assert.Single(await server.ExportAsync(LineProtocol.WindowMeasurement + "_" + PointSchema.ValueField));
        var expected = Enumerable.Range(1, 500).Select(i => TestData.Start.AddMinutes(i).ToUnixTimeMilliseconds());
        Assert.Empty(expected.Except(series.Timestamps));
        Assert.Equal(501, sink.DeliveredPoints);
        Assert.Equal(0, sink.BufferedPoints);
        Assert.Equal(InfluxDbSinkHealth.Healthy, sink.Health);
    }

    [SkippableFact]
    public async Task Write_ServerDownBeyondBound_DropsTheOldestAndDeliversTheNewest()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        await using var sink = TestData.Sink(TestData.Options(server.Url, queue: 100, batch: 10));
        await server.KillAsync();

        // One point first: once health is degraded the loop holds it in flight and the queue is empty, so the bound is exact.
        sink.Write(TestData.Window(0));
        await VictoriaMetricsServer.WaitUntilAsync(() => Task.FromResult(sink.Health == InfluxDbSinkHealth.Degraded), Deadline, "degraded health");
        for (var i = 1; i <= 300; i++)
        {
            sink.Write(TestData.Window(i));
        }

        Assert.Equal(200, sink.DroppedPoints);
        Assert.Equal(101, sink.BufferedPoints);

        await server.RestartAsync();
        await sink.FlushAsync(new CancellationTokenSource(Deadline).Token);

        var series = Assert.Single(await server.ExportAsync(LineProtocol.WindowMeasurement + "_" + PointSchema.ValueField));
        // Drop oldest: the point in flight when the queue filled, then the newest 100 (windows 201 to 300).
        var expected = new[] { 0 }.Concat(Enumerable.Range(201, 100)).Select(i => TestData.Start.AddMinutes(i).ToUnixTimeMilliseconds());
        Assert.Equal(expected, series.Timestamps.Order());
        Assert.Equal(101, sink.DeliveredPoints);
        Assert.Equal(200, sink.DroppedPoints);
    }

    [SkippableFact]
    public async Task DisposeAsync_ServerDown_DropsWhatIsLeftAfterShutdownTimeout()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        var options = TestData.Options(server.Url, queue: 1_000, batch: 10);
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(300);
        var sink = TestData.Sink(options);
        await server.KillAsync();
        for (var i = 0; i < 50; i++)
        {
            sink.Write(TestData.Window(i));
        }

        await sink.DisposeAsync();
        sink.Write(TestData.Window(50));

        Assert.Equal(0, sink.DeliveredPoints);
        Assert.Equal(51, sink.DroppedPoints);
    }
}
