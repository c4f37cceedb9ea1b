using CompressionSafety.Contracts;
using CompressionSafety.Worker.Tests.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class MetricsFileTests
{
    [Fact]
    public async Task Run_MetricsFileFromEarlierRun_KeptAndAppendedTo()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        // What a previous run wrote: its windows are behind the committed offset and will not come again.
        const string earlier = "compression_safety_window,model=earlier count=1i 60000000000";
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "metrics.lp"), earlier + "\n");
        var predictions = TestStream.Predictions(300);
        var expected = WorkerHarness.ExpectedLines(predictions);
        await harness.ProduceAsync(predictions.Select(RecordWriter.ToJsonBytes));

        using var host = harness.BuildHost("metrics.lp");
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => harness.MetricsLines("metrics.lp").Count >= expected.Count + 1, "the windows");
        await host.StopAsync();

        Assert.Equal([earlier, .. expected], harness.MetricsLines("metrics.lp"));
    }
}
