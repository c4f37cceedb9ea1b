namespace CompressionSafety.Kafka.Publishing;

/// <summary>Settings of <see cref="KafkaRecordPublisher"/>; the worker maps its validated options onto these.</summary>
public sealed class KafkaPublisherSettings
{
    /// <summary>Kafka <c>bootstrap.servers</c>.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Client id shown in broker logs.</summary>
    public string ClientId { get; init; } = "compression-safety";

    /// <summary>Most records in flight at once; further publishers wait.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>Sends per record, the first included, before the record is given up on and the publisher faults.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Back-off before the first repeated send; doubles per attempt, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest back-off between sends.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// librdkafka's <c>message.timeout.ms</c>: how long the client itself keeps retrying one send
    /// before reporting it failed (and this publisher sends it again).
    /// </summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long disposal waits for records still in flight before giving up on them; null for
    /// <see cref="MessageTimeout"/>. The worker keeps it short: its consume loop has already waited for acknowledgements
    /// and committed only what they cover, so a longer wait during a broker outage would only push the process past
    /// the orchestrator's grace period.
    /// </summary>
    public TimeSpan? CloseTimeout { get; init; }

    /// <summary>
    /// Further librdkafka properties passed through as they are (security.protocol, sasl.*, ssl.*).
    /// Values may be secrets: they are never logged.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientProperties { get; init; } = new Dictionary<string, string>();
}
