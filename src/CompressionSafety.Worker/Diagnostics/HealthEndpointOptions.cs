namespace CompressionSafety.Worker.Diagnostics;

/// <summary>Settings of the worker's HTTP server (section <c>Health</c>): health probes, silence API and <c>/metrics</c>.</summary>
public sealed class HealthEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Health";

    /// <summary>
    /// Address of the worker's one HTTP server (Kestrel), written as an HttpListener prefix as before: for example
    /// <c>http://*:8080/</c> in a container or <c>http://127.0.0.1:8080/</c> on a workstation. It serves
    /// <c>/health/live</c>, <c>/health/ready</c>, the silence API and <c>/metrics</c>. Empty: no server (unless the older
    /// <c>Metrics:Prefix</c> is set, which then names it).
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// Bearer token that POST and DELETE on the silence API must present (<c>Authorization: Bearer TOKEN</c>); set it
    /// from a secret, for example the environment variable <c>Health__SilenceToken</c>. Empty: silences can be changed
    /// only when <see cref="Prefix"/> is bound to the loopback interface (127.0.0.1, localhost, [::1]).
    /// </summary>
    public string? SilenceToken { get; set; }
}
