namespace CompressionSafety.InfluxDb;

/// <summary>How the InfluxDB sink is doing. It is never "dead": while InfluxDB is unreachable it buffers and retries.</summary>
public enum InfluxDbSinkHealth
{
    /// <summary>The last write succeeded (or nothing has been written yet).</summary>
    Healthy,

    /// <summary>The last write failed; points are buffered within the bound and retried with back-off.</summary>
    Degraded,
}
