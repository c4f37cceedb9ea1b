using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Notifications;

/// <summary>Settings of the Alertmanager client (section <c>Alertmanager</c>): where alerts go and how often they are re-sent.</summary>
public sealed class AlertmanagerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Alertmanager";

    /// <summary>The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client (with the standard resilience handler).</summary>
    public const string HttpClientName = "alertmanager";

    /// <summary>
    /// Base URLs of the Alertmanager replicas, for example <c>http://alertmanager:9093</c>. Every replica gets every alert,
    /// as Prometheus does: an HA cluster de-duplicates notifications among its members.
    /// </summary>
    [Required]
    [MinLength(1)]
    public IList<Uri> Urls { get; set; } = [];

    /// <summary>How long to wait between re-sends of every active alert (Prometheus' <c>--rules.alert.resend-delay</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often rules are evaluated (the engine's window size). With <see cref="ResendDelay"/> it sets the lease:
    /// every send says <c>endsAt = now + 4 × max(EvaluationInterval, ResendDelay)</c>, so an alert of a worker that died
    /// resolves by itself instead of firing forever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Grafana's base URL: each alert's <c>generatorURL</c> and <c>evidence</c> annotation open the model drill-down there.</summary>
    [Required]
    public Uri? DashboardUrl { get; set; } = new("http://localhost:3000");

    /// <summary>Incident state changes buffered before new ones are dropped (and counted).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>The lease each send gives an active alert.</summary>
    public TimeSpan Lease => 4 * (EvaluationInterval > ResendDelay ? EvaluationInterval : ResendDelay);
}
