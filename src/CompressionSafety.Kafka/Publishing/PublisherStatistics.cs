namespace CompressionSafety.Kafka.Publishing;

/// <summary>Counters of a publisher since it started.</summary>
/// <param name="Accepted">Records handed to the publisher.</param>
/// <param name="Delivered">Records the broker acknowledged.</param>
/// <param name="Retries">Sends repeated after a failed delivery.</param>
/// <param name="Failed">Records given up on after the last attempt or a fatal error (each also faults the publisher).</param>
/// <param name="InFlight">Records accepted and not yet delivered or failed.</param>
/// <param name="ClientErrors">Errors the client reported outside deliveries (broker down, for example).</param>
/// <param name="LastError">The last error seen, or <see langword="null"/>.</param>
public sealed record PublisherStatistics(
    long Accepted,
    long Delivered,
    long Retries,
    long Failed,
    long InFlight,
    long ClientErrors,
    string? LastError);
