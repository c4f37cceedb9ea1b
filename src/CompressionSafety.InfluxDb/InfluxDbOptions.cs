using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.InfluxDb;

/// <summary>
/// Settings of the InfluxDB metrics sink (section <see cref="SectionName"/>). The sink is used only when
/// <see cref="Url"/> is set; otherwise the worker falls back to the line-protocol file.
/// The token comes from <see cref="Token"/>, else the file <see cref="TokenFile"/>, else the environment variable
/// named by <see cref="TokenEnvironmentVariable"/>; it is never logged.
/// </summary>
public sealed class InfluxDbOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "InfluxDb";

    /// <summary>Base URL of the InfluxDB 2.x API, for example <c>http://influxdb:8086</c>.</summary>
    [Required]
    [Url]
    public string Url { get; set; } = "";

    /// <summary>Organization that owns <see cref="Bucket"/>.</summary>
    [Required]
    public string Org { get; set; } = "";

    /// <summary>Bucket the points are written to.</summary>
    [Required]
    public string Bucket { get; set; } = "";

    /// <summary>API token with write access to the bucket. Prefer <see cref="TokenFile"/> or the environment outside development.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token (a Kubernetes or Docker secret mount); surrounding whitespace is ignored.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Environment variable consulted when neither <see cref="Token"/> nor <see cref="TokenFile"/> is set.</summary>
    [Required]
    public string TokenEnvironmentVariable { get; set; } = "INFLUX_TOKEN";

    /// <summary>Points waiting for export; past this bound the oldest points are dropped and counted, the engine is never blocked.</summary>
    [Range(1, 10_000_000)]
    public int MaxQueueSize { get; set; } = 100_000;

    /// <summary>Points per write request; at most one such batch is in flight besides the queue.</summary>
    [Range(1, 100_000)]
    public int MaxExportBatchSize { get; set; } = 5_000;

    /// <summary>How long a partial batch waits for more points before it is sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ScheduledDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one write request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; it doubles per attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retry delay. Retries go on while InfluxDB is unreachable; the bounded queue absorbs the outage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long disposal keeps draining the queue before it drops (and counts) what is left.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
