namespace CompressionSafety.Worker.Diagnostics;

/// <summary>Settings of the HTTP health endpoint (section <c>Health</c>).</summary>
public sealed class HealthEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Health";

    /// <summary>
    /// HttpListener prefix to serve <c>/health/live</c> and <c>/health/ready</c> on, for example <c>http://*:8080/</c>
    /// in a container or <c>http://127.0.0.1:8080/</c> on a workstation. Empty: no endpoint.
    /// </summary>
    public string? Prefix { get; set; }
}
