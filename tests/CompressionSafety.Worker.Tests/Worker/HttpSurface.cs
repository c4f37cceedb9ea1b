using CompressionSafety.Engine.Rules;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Http;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>
/// The worker's real HTTP server (<see cref="WorkerHttpServer"/> with the worker's health checks) on a free loopback
/// port, around the state a test hands it. Start returns once Kestrel is bound: no retries needed.
/// </summary>
internal sealed class HttpSurface : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly WorkerHttpServer _server;

    private HttpSurface(ServiceProvider provider, string prefix)
    {
        _provider = provider;
        _server = provider.GetRequiredService<WorkerHttpServer>();
        Prefix = prefix;
    }

    /// <summary>The server's prefix, ending with '/'.</summary>
    public string Prefix { get; }

    /// <summary>Starts a server over <paramref name="health"/>; <paramref name="configure"/> adds what else the test needs (a silence API, report counters...).</summary>
    public static async Task<HttpSurface> StartAsync(
        WorkerHealth health, Action<IServiceCollection>? configure = null, string? token = null, string? prefix = null)
    {
        prefix ??= $"http://127.0.0.1:{LocalHttp.FreePort()}/";
        var endpoint = Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = prefix, SilenceToken = token });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(endpoint);
        services.AddSingleton(health);
        services.AddWorkerHealthChecks();
        services.AddSingleton<WorkerHttpServer>();
        configure?.Invoke(services);
        if (!services.Any(d => d.ServiceType == typeof(SilenceApi)))
        {
            services.AddSingleton(new SilenceApi(
                new SilenceStore(), Microsoft.Extensions.Options.Options.Create(new RulesOptions()), new ManualTimeProvider(), NullLogger<SilenceApi>.Instance, endpoint));
        }

        var surface = new HttpSurface(services.BuildServiceProvider(), prefix);
        await surface._server.StartAsync(CancellationToken.None);
        return surface;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
