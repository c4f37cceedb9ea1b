using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CompressionSafety.Worker.Http;

/// <summary>
/// Where Kestrel listens, read from an HttpListener-style prefix (<c>Health:Prefix</c>, formerly also <c>Metrics:Prefix</c>)
/// so existing settings keep working: <c>http://*:8080/</c> and <c>http://+:8080/</c> (every interface, as HttpListener
/// binds them), <c>http://0.0.0.0:8080/</c>, <c>http://127.0.0.1:8080/</c>, <c>http://[::1]:8080/</c>,
/// <c>http://localhost:8080/</c> (both loopbacks). A path (<c>http://*:8080/worker/</c>) becomes the path base every
/// endpoint is served under (<c>/worker/health/live</c>, <c>/worker/metrics</c>).
/// </summary>
/// <param name="Host">The host part as written (<c>*</c>, an address, <c>localhost</c> or a name).</param>
/// <param name="Port">The port.</param>
/// <param name="PathBase">The path without the trailing slash, empty for none.</param>
internal sealed record WorkerHttpAddress(string Host, int Port, string PathBase)
{
    /// <summary>Whether <paramref name="prefix"/> has the accepted form: <c>http://host:port/path/</c>.</summary>
    public static bool IsPrefix(string? prefix) => TryParse(prefix, out _);

    /// <summary>Parses a prefix; false unless it is <c>http://</c>, names a host and a port of 0 to 65535, and ends with <c>/</c>.</summary>
    public static bool TryParse(string? prefix, out WorkerHttpAddress address)
    {
        address = new WorkerHttpAddress(string.Empty, 0, string.Empty);
        const string Scheme = "http://";
        if (prefix is null || !prefix.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !prefix.EndsWith('/'))
        {
            return false;
        }

        var rest = prefix[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = rest[..slash];
        var path = rest[slash..].TrimEnd('/');
        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = authority[..(close + 1)];
            port = authority.Length > close + 1 && authority[close + 1] == ':' ? authority[(close + 2)..] : authority.Length == close + 1 ? null : string.Empty;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            port = colon < 0 ? null : authority[(colon + 1)..];
        }

        var number = 80;
        if (host.Length == 0 || (port is not null && !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number)) || number > 65535)
        {
            return false;
        }

        address = new WorkerHttpAddress(host, number, path);
        return true;
    }

    /// <summary>True when only local connections reach it.</summary>
    public bool IsLoopback => Host is "127.0.0.1" or "localhost" or "[::1]";

    /// <summary>The URL to show in logs and to give clients, e.g. <c>http://127.0.0.1:8080/worker</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"http://{Host}:{Port}{PathBase}");

    /// <summary>Adds the endpoint to Kestrel.</summary>
    public void Listen(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        if (Host == "localhost")
        {
            kestrel.ListenLocalhost(Port);
        }
        else if (IPAddress.TryParse(Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, Port);
        }
        else
        {
            // *, + and host names: every interface, as HttpListener does (it filters by Host header; Kestrel does not).
            kestrel.ListenAnyIP(Port);
        }
    }
}
