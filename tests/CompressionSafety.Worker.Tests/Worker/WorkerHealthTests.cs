using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class WorkerHealthTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly WorkerHealth _health;

    public WorkerHealthTests() =>
        _health = new WorkerHealth(_time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions { MaxPollAge = TimeSpan.FromSeconds(10) }));

    [Fact]
    public void Check_PollingWithPartitions_Healthy()
    {
        _health.Assigned(3);
        _health.Polled(gotRecord: true);

        var report = _health.Check();

        Assert.Equal(WorkerHealthStatus.Healthy, report.Status);
        Assert.Equal(3, report.AssignedPartitions);
        Assert.Empty(report.Reasons);
    }

    [Fact]
    public void Check_NoPartitionAssigned_Degraded()
    {
        _health.Polled(gotRecord: false);

        Assert.Equal(WorkerHealthStatus.Degraded, _health.Check().Status);
    }

    [Fact]
    public void Check_LastPollOlderThanLimit_UnhealthyWithAge()
    {
        _health.Assigned(1);
        _health.Polled(gotRecord: true);
        _time.Advance(TimeSpan.FromSeconds(11));

        var report = _health.Check();

        Assert.Equal(WorkerHealthStatus.Unhealthy, report.Status);
        Assert.Equal(TimeSpan.FromSeconds(11), report.LastPollAge);
    }

    [Fact]
    public void Check_ClientErrorUntilARecordArrives_DegradedThenHealthy()
    {
        _health.Assigned(1);
        _health.Polled(gotRecord: true);
        _health.ClientError("broker down");
        _health.Polled(gotRecord: false);

        Assert.Equal(WorkerHealthStatus.Degraded, _health.Check().Status);
        _health.Polled(gotRecord: true);
        var report = _health.Check();
        Assert.Equal(WorkerHealthStatus.Healthy, report.Status);
        Assert.Equal(1, report.ClientErrors);
    }

    [Fact]
    public void Check_FatalError_UnhealthyWithReason()
    {
        _health.Assigned(1);
        _health.Polled(gotRecord: true);
        _health.Fatal("producer fenced");

        var report = _health.Check();

        Assert.Equal(WorkerHealthStatus.Unhealthy, report.Status);
        Assert.Contains("fatal: producer fenced", report.Reasons);
    }
}
