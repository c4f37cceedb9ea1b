namespace CompressionSafety.Worker.Diagnostics;

/// <summary>Settings of the Prometheus scrape endpoint (section <c>Metrics</c>).</summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Metrics";

    /// <summary>
    /// HttpListener prefix to serve <c>/metrics</c> (Prometheus text format) on, for example <c>http://*:9464/</c> in a
    /// container or <c>http://127.0.0.1:9464/</c> on a workstation. Empty: no endpoint and no exporter.
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>The OpenTelemetry <c>service.name</c>, exported as the label <c>service_name</c> on every series.</summary>
    public const string ServiceName = "compression-safety-worker";

    /// <summary>The meters exported: the worker's and the InfluxDB sink's.</summary>
    public static IReadOnlyList<string> Meters { get; } = [WorkerMetrics.MeterName, "CompressionSafety.InfluxDb"];

    /// <summary>The scrape path for a prefix: <c>metrics</c> under the prefix's own path.</summary>
    /// <param name="prefix">An HttpListener prefix such as <c>http://*:9464/</c>.</param>
    /// <returns>For example <c>/metrics</c>.</returns>
    public static string ScrapePath(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var authority = prefix.IndexOf("://", StringComparison.Ordinal) + 3;
        var path = prefix.IndexOf('/', authority);
        return (path < 0 ? string.Empty : prefix[path..].TrimEnd('/')) + "/metrics";
    }

    /// <summary>Whether <paramref name="prefix"/> has the form HttpListener accepts: <c>http(s)://host:port/path/</c>.</summary>
    /// <param name="prefix">The setting.</param>
    /// <returns>True for, e.g., <c>http://*:9464/</c>.</returns>
    public static bool IsPrefix(string? prefix) =>
        prefix is not null
        && (prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && prefix.EndsWith('/')
        && Uri.TryCreate(prefix.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Host.Length > 0;
}
