using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>
/// The consume loop is alive: Unhealthy after a fatal error or when it has not polled for <c>Kafka:MaxPollAge</c> (the
/// "zombie consumer"), the one condition that should make an orchestrator restart the worker.
/// </summary>
internal sealed class IngestionHealthCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = health.Check();
        var data = new Dictionary<string, object> { ["records_handled"] = health.RecordsHandled };
        if (report.LastPollAge is { } age)
        {
            data["last_poll_age_seconds"] = Math.Round(age.TotalSeconds, 3);
        }

        return Task.FromResult(report.Status == WorkerHealthStatus.Unhealthy
            ? HealthCheckResult.Unhealthy(string.Join("; ", report.Reasons), data: data)
            : HealthCheckResult.Healthy("the consume loop is polling", data));
    }
}
