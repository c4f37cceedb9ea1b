using CompressionSafety.Worker.Http;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>Settings of the Prometheus scrape endpoint (section <c>Metrics</c>), served on the worker's HTTP server.</summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Metrics";

    /// <summary>
    /// Serve <c>/metrics</c> (Prometheus text format, OpenTelemetry's exporter) on the server at <c>Health:Prefix</c>.
    /// Default true; false: no exporter.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Older setting, from when <c>/metrics</c> had a listener of its own. Kept so existing settings start: with
    /// <c>Health:Prefix</c> unset it names the one server's address; with it set it must name the same address (one
    /// server, one port), otherwise the start fails naming both.
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>The OpenTelemetry <c>service.name</c>, exported as the label <c>service_name</c> on every series.</summary>
    public const string ServiceName = "compression-safety-worker";

    /// <summary>The meters exported: the worker's and the InfluxDB sink's.</summary>
    public static IReadOnlyList<string> Meters { get; } = [WorkerMetrics.MeterName, "CompressionSafety.InfluxDb"];

    /// <summary>The scrape path for a prefix: <c>metrics</c> under the prefix's own path.</summary>
    /// <param name="prefix">A prefix such as <c>http://*:9464/</c>.</param>
    /// <returns>For example <c>/metrics</c>.</returns>
    public static string ScrapePath(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var authority = prefix.IndexOf("://", StringComparison.Ordinal) + 3;
        var path = prefix.IndexOf('/', authority);
        return (path < 0 ? string.Empty : prefix[path..].TrimEnd('/')) + "/metrics";
    }

    /// <summary>Whether <paramref name="prefix"/> has the form the server accepts: <c>http://host:port/path/</c>.</summary>
    /// <param name="prefix">The setting.</param>
    /// <returns>True for, e.g., <c>http://*:9464/</c>.</returns>
    public static bool IsPrefix(string? prefix) => WorkerHttpAddress.IsPrefix(prefix);
}
