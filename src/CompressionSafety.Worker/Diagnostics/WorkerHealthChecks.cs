using CompressionSafety.InfluxDb;
using CompressionSafety.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>
/// The worker's health checks and the tags that pick them for each probe. <c>/health/live</c> runs the checks tagged
/// <see cref="Live"/>: only the consume loop (fatal error, stuck past <c>Kafka:MaxPollAge</c>), so nothing but a worker
/// that must be restarted fails it. <c>/health/ready</c> runs those tagged <see cref="Ready"/>: the loop, Kafka (partitions
/// assigned, a broker up, no client error since), and each configured output (InfluxDB, Alertmanager, webhook), which
/// report at worst <see cref="HealthStatus.Degraded"/>: an output that is down buffers, drops and counts, it never
/// stops ingestion, so it must not take the worker out of service.
/// </summary>
internal static class WorkerHealthChecks
{
    /// <summary>Tag of the checks <c>/health/live</c> runs.</summary>
    public const string Live = "live";

    /// <summary>Tag of the checks <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";

    /// <summary>Check names, as they appear under <c>checks</c> in the response.</summary>
    public const string Ingestion = "ingestion", Kafka = "kafka", InfluxDb = "influxdb", Alertmanager = "alertmanager", Webhook = "webhook";

    /// <summary>
    /// Adds <see cref="HealthCheckService"/> with the loop and Kafka checks, and a check for each output that is
    /// registered (decided when the checks are first run, so the order of registrations does not matter).
    /// </summary>
    public static IServiceCollection AddWorkerHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProviderIsService>((options, has) =>
        {
            options.Registrations.Add(new HealthCheckRegistration(
                Ingestion, sp => new IngestionHealthCheck(sp.GetRequiredService<WorkerHealth>()), HealthStatus.Unhealthy, [Live, Ready]));
            options.Registrations.Add(new HealthCheckRegistration(
                Kafka, sp => new KafkaReadinessHealthCheck(sp.GetRequiredService<WorkerHealth>()), HealthStatus.Unhealthy, [Ready]));
            // An output's check that throws is Degraded too: never Unhealthy for an output.
            if (has.IsService(typeof(InfluxDbHealthCheck)))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    InfluxDb, sp => sp.GetRequiredService<InfluxDbHealthCheck>(), HealthStatus.Degraded, [Ready]));
            }

            if (has.IsService(typeof(AlertmanagerNotifier)))
            {
                options.Registrations.Add(new HealthCheckRegistration(Alertmanager, sp =>
                {
                    var notifier = sp.GetRequiredService<AlertmanagerNotifier>();
                    return new DeliveryHealthCheck("Alertmanager", () => notifier.Failing, () => (notifier.Sent, notifier.Failed, notifier.Dropped));
                }, HealthStatus.Degraded, [Ready]));
            }

            if (has.IsService(typeof(WebhookNotifier)))
            {
                options.Registrations.Add(new HealthCheckRegistration(Webhook, sp =>
                {
                    var notifier = sp.GetRequiredService<WebhookNotifier>();
                    return new DeliveryHealthCheck(
                        "the webhook",
                        () => notifier.LastDeliveryFailed ? [notifier.LastError ?? "delivery failed"] : [],
                        () => (notifier.Sent, notifier.Failed, notifier.Dropped));
                }, HealthStatus.Degraded, [Ready]));
            }
        });
        return services;
    }
}
