using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CompressionSafety.Notifications.Tests;

/// <summary>A real HTTP listener on 127.0.0.1 and a free port that records requests and answers with scripted status codes.</summary>
internal sealed class LocalWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<int> _statuses;
    private readonly Task _loop;

    public LocalWebhook(params int[] statuses)
    {
        _statuses = new Queue<int>(statuses);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(int Status, byte[] Body, string? Signature, string? ContentType)> Requests { get; } = new();

    /// <summary>Completes when <paramref name="count"/> requests have been answered.</summary>
    public TaskCompletionSource Reached(int count)
    {
        lock (_waiters)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, tcs));
            Check();
            return tcs;
        }
    }

    private readonly List<(int Count, TaskCompletionSource Tcs)> _waiters = [];

    private void Check()
    {
        foreach (var (count, tcs) in _waiters)
        {
            if (Requests.Count >= count)
            {
                tcs.TrySetResult();
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            int status;
            lock (_statuses)
            {
                status = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
            }

            context.Response.StatusCode = status;
            context.Response.Close();
            Requests.Enqueue((status, body.ToArray(), context.Request.Headers["X-CompressionSafety-Signature"], context.Request.ContentType));
            lock (_waiters)
            {
                Check();
            }
        }
    }

    public void Dispose()
    {
        // Close alone (it stops too): on Unix, Stop then Close removes the listener twice, and the second removal binds
        // the port again to look it up, failing with "Address already in use" when another test took the freed port.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
