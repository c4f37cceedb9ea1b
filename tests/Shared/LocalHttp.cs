using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CompressionSafety.Testing;

/// <summary>Loopback HTTP helpers shared by the test projects (linked into each).</summary>
internal static class LocalHttp
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Answers the next request with 200 and returns its body and the value of <paramref name="header"/>.</summary>
    public static async Task<(string Body, string? Header)> ReceiveOneAsync(HttpListener listener, string header)
    {
        var context = await listener.GetContextAsync().ConfigureAwait(false);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var value = context.Request.Headers[header];
        context.Response.StatusCode = 200;
        context.Response.Close();
        return (body, value);
    }
}
