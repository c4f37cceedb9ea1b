using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompressionSafety.InfluxDb;

/// <summary>
/// Reports the InfluxDB sink: healthy, or degraded while writes fail. Never unhealthy: an InfluxDB outage must not make
/// the orchestrator restart a worker whose windows and offsets are fine. Register it with
/// <c>AddHealthChecks().AddCheck&lt;InfluxDbHealthCheck&gt;("influxdb")</c>.
/// </summary>
public sealed class InfluxDbHealthCheck : IHealthCheck
{
    private readonly InfluxDbMetricsSink _sink;

    /// <summary>Creates the check for <paramref name="sink"/>.</summary>
    public InfluxDbHealthCheck(InfluxDbMetricsSink sink)
    {
        _sink = sink;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["buffered_points"] = _sink.BufferedPoints,
            ["delivered_points"] = _sink.DeliveredPoints,
            ["dropped_points"] = _sink.DroppedPoints,
            ["rejected_points"] = _sink.RejectedPoints,
        };
        var result = _sink.Health == InfluxDbSinkHealth.Healthy
            ? HealthCheckResult.Healthy("InfluxDB writes succeed.", data)
            : HealthCheckResult.Degraded("InfluxDB is unreachable; points are buffered and retried.", data: data);
        return Task.FromResult(result);
    }
}
