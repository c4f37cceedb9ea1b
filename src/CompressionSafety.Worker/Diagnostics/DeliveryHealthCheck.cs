using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>
/// An incident notifier (Alertmanager, webhook): Degraded while its latest request failed after every retry, Healthy
/// otherwise. Never Unhealthy: the notifier queues, re-sends and counts what it drops, and ingestion goes on.
/// </summary>
internal sealed class DeliveryHealthCheck(string receiver, Func<IReadOnlyList<string>> failing, Func<(long Sent, long Failed, long Dropped)> counts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (sent, failed, dropped) = counts();
        var data = new Dictionary<string, object> { ["sent"] = sent, ["failed"] = failed, ["dropped"] = dropped };
        var errors = failing();
        return Task.FromResult(errors.Count == 0
            ? HealthCheckResult.Healthy(receiver + " accepts deliveries", data)
            : HealthCheckResult.Degraded(receiver + " is failing: " + string.Join("; ", errors) + "; incidents are retried with the next send", data: data));
    }
}
