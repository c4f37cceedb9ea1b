namespace CompressionSafety.Kafka.Publishing;

/// <summary>A record to publish: topic, optional key, value bytes and headers.</summary>
/// <param name="Topic">Destination topic.</param>
/// <param name="Key">Key bytes (for example the UTF-8 incident id), or <see langword="null"/>.</param>
/// <param name="Value">Value bytes.</param>
/// <param name="Headers">Headers, in order; <see langword="null"/> for none.</param>
public sealed record OutgoingRecord(
    string Topic,
    byte[]? Key,
    byte[] Value,
    IReadOnlyList<KeyValuePair<string, byte[]>>? Headers = null);
