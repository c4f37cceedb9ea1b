using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>
/// Ready to consume: partitions assigned, a broker connection up and no client error since. Anything less is Unhealthy
/// here (tagged ready only, so it makes <c>/health/ready</c> answer 503 and never touches liveness): a worker without
/// partitions or brokers is not doing its job, which is what readiness says; an output being down is not that.
/// </summary>
internal sealed class KafkaReadinessHealthCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = health.Check();
        var data = new Dictionary<string, object>
        {
            ["assigned_partitions"] = report.AssignedPartitions,
            ["client_errors"] = report.ClientErrors,
            ["producer_failures"] = report.ProducerFailures,
        };
        return Task.FromResult(report.Status == WorkerHealthStatus.Healthy
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{report.AssignedPartitions} partition(s) assigned, a broker connection up"), data)
            : HealthCheckResult.Unhealthy(string.Join("; ", report.Reasons), data: data));
    }
}
