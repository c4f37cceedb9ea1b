using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Worker.Options;

/// <summary>
/// The worker's Kafka settings (configuration section <c>Kafka</c>), validated at start. Documented in
/// <c>docs/worker.md</c>.
/// </summary>
public sealed class KafkaWorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Kafka <c>bootstrap.servers</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BootstrapServers { get; set; } = "";

    /// <summary>Consumer group id; instances with the same id split the partitions.</summary>
    [Required(AllowEmptyStrings = false)]
    public string GroupId { get; set; } = "compression-safety";

    /// <summary>The inference-log topic.</summary>
    [Required(AllowEmptyStrings = false)]
    public string InferenceLogTopic { get; set; } = "inference-logs";

    /// <summary>The label topic, or empty when labels come inline only. Must be co-partitioned with the inference-log topic.</summary>
    public string? LabelTopic { get; set; }

    /// <summary>Where incidents go, keyed by incident id.</summary>
    [Required(AllowEmptyStrings = false)]
    public string IncidentTopic { get; set; } = "safety-incidents";

    /// <summary>Where human-review requests go.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ReviewTopic { get; set; } = "safety-review";

    /// <summary>Where invalid and late records go, original bytes as the value and the reason in a header.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DeadLetterTopic { get; set; } = "inference-logs-dlq";

    /// <summary>
    /// Compacted topic the per-partition state is snapshotted to at every commit point and restored from on
    /// assignment (docs/worker.md, "State and snapshots"); empty for none: a restart then rebuilds open windows by
    /// replay from a held-back offset, and change detectors and sequences start afresh.
    /// </summary>
    public string? StateTopic { get; set; }

    /// <summary>Line-protocol file the window metrics are appended to.</summary>
    [Required(AllowEmptyStrings = false)]
    public string MetricsFile { get; set; } = "metrics.lp";

    /// <summary>Consumer group session timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often outputs are flushed and the committable offsets stored (and then committed).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Health turns unhealthy when the consume loop has not polled for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxPollAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stop (SIGTERM, Ctrl+C) may take: the host's shutdown timeout. Within it the consume loop finishes the
    /// record in hand, waits up to half of it for output deliveries, commits what they cover and closes the consumer.
    /// Default: Kubernetes' termination grace period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most output records in flight; the consume loop waits when that many are unacknowledged.</summary>
    [Range(1, 1_000_000)]
    public int MaxInFlight { get; set; } = 10_000;

    /// <summary>
    /// Largest inference-log record accepted, in bytes; larger ones are dead-lettered as <c>too_large</c> with only
    /// their first bytes (so the dead letter stays under the broker's message size limit).
    /// </summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 512 * 1024;

    /// <summary>Sends per output record before the worker gives up and stops.</summary>
    [Range(1, 1_000)]
    public int MaxPublishAttempts { get; set; } = 8;

    /// <summary>
    /// librdkafka properties passed through to every client (security.protocol, sasl.mechanism, ssl.ca.location...).
    /// Values are never logged.
    /// </summary>
    public Dictionary<string, string> ClientProperties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// librdkafka properties whose value is read from a file at start (sasl.password from a mounted secret,
    /// for example): property name to file path. Values are never logged.
    /// </summary>
    public Dictionary<string, string> ClientPropertyFiles { get; set; } = new(StringComparer.Ordinal);
}
