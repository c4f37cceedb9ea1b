using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Notifications;

/// <summary>Settings of the Alertmanager-compatible webhook notifier (section <c>Webhook</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Webhook";

    /// <summary>Where payloads are posted.</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>The HMAC-SHA256 key; the signature goes in <see cref="SignatureHeader"/> as <c>sha256=&lt;hex&gt;</c>.</summary>
    [Required]
    public string Secret { get; set; } = "";

    /// <summary>The header that carries the signature.</summary>
    [Required]
    public string SignatureHeader { get; set; } = "X-CompressionSafety-Signature";

    /// <summary>Incidents buffered before new ones are dropped (and counted).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Most incidents taken from the queue per batch (one payload per group within it).</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 100;

    /// <summary>Retries after the first attempt.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>First back-off delay; it doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Labels that group incidents into one payload, as Alertmanager's <c>group_by</c>.</summary>
    public IList<string> GroupBy { get; set; } = ["alertname", "model", "variant"];

    /// <summary>Alertmanager's <c>receiver</c> field.</summary>
    public string Receiver { get; set; } = "compression-safety";
}
