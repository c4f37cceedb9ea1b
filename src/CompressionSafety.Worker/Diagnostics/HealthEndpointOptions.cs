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

    /// <summary>
    /// Bearer token that POST and DELETE on the silence API must present (<c>Authorization: Bearer TOKEN</c>); set it
    /// from a secret, for example the environment variable <c>Health__SilenceToken</c>. Empty: silences can be changed
    /// only when <see cref="Prefix"/> is bound to the loopback interface (127.0.0.1, localhost, [::1]).
    /// </summary>
    public string? SilenceToken { get; set; }
}
