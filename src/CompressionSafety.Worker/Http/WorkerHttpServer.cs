using CompressionSafety.InfluxDb;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Reporting;
using CompressionSafety.Worker.Silences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CompressionSafety.Worker.Http;

/// <summary>
/// The worker's one HTTP server: Kestrel on <see cref="HealthEndpointOptions.Prefix"/> serving <c>/health/live</c> and
/// <c>/health/ready</c> (<c>MapHealthChecks</c>, see <see cref="WorkerHealthChecks"/>), the silence API (minimal APIs,
/// <see cref="SilenceEndpoints"/>) and <c>/metrics</c> (OpenTelemetry's ASP.NET Core Prometheus exporter, when the
/// worker registered a meter provider). No prefix: no server.
/// </summary>
/// <remarks>
/// The worker runs in a generic host (<c>Host.CreateApplicationBuilder</c>: the CLI's <c>monitor</c>, the demo, the
/// tests), which cannot carry a web server itself; this hosted service owns a small <see cref="WebApplication"/>
/// (empty builder: no appsettings or environment of its own) whose endpoints use the worker's singletons
/// (health state, health check service, silence store, meter provider) and whose logs go to the worker's logger factory.
/// Degraded answers 200 on both probes; only Unhealthy answers 503.
/// </remarks>
internal sealed partial class WorkerHttpServer(IServiceProvider services, IOptions<HealthEndpointOptions> options, ILogger<WorkerHttpServer> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>Degraded (an output down) answers 200 like Healthy; only Unhealthy answers 503.</summary>
    private static readonly Dictionary<HealthStatus, int> ProbeStatusCodes = new()
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    };

    private WebApplication? _app;

    /// <summary>The address served, once started (null when no prefix is set).</summary>
    public WorkerHttpAddress? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var prefix = options.Value.Prefix;
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return;
        }

        // The options validator has checked the form already; this only fails if it was skipped.
        if (!WorkerHttpAddress.TryParse(prefix, out var address))
        {
            throw new InvalidOperationException("Health:Prefix must have the form http://host:port/ (got '" + prefix + "').");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(address.Listen);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        builder.Services.AddSingleton(services.GetRequiredService<HealthCheckService>());
        var app = builder.Build();
        if (address.PathBase.Length > 0)
        {
            app.UsePathBase(address.PathBase);
            // As the HttpListener prefix did: only requests under the path are served.
            app.Use((context, next) => context.Request.PathBase.HasValue ? next(context) : NotFound(context));
        }

        app.UseRouting();
        var writer = new HealthResponseWriter(
            services.GetRequiredService<WorkerHealth>(), services.GetService<InfluxDbMetricsSink>(), services.GetService<ReportMetrics>());
        app.MapHealthChecks("/health/live", Probe(WorkerHealthChecks.Live, writer));
        app.MapHealthChecks("/health/ready", Probe(WorkerHealthChecks.Ready, writer));
        app.MapSilenceApi(services.GetRequiredService<SilenceApi>());
        var metrics = services.GetService<MeterProvider>();
        if (metrics is not null)
        {
            app.MapPrometheusScrapingEndpoint("/metrics", metrics, configureBranchedPipeline: null, optionsName: null);
        }

        app.MapFallback(NotFound);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Address = address;
        var shown = address.ToString();
        LogListening(logger, shown, metrics is not null);
        if (string.IsNullOrEmpty(options.Value.SilenceToken) && !address.IsLoopback)
        {
            LogSilencesReadOnly(logger, shown);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private static Task NotFound(HttpContext context) =>
        Results.Json(
            new Dictionary<string, string> { ["error"] = "no such endpoint: " + context.Request.PathBase + context.Request.Path },
            statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);

    private static HealthCheckOptions Probe(string tag, HealthResponseWriter writer) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResultStatusCodes = ProbeStatusCodes,
        ResponseWriter = writer.WriteAsync,
    };

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "HTTP server listening on {Address}: /health/live, /health/ready, /api/v2/silences, /metrics ({Metrics})")]
    private static partial void LogListening(ILogger logger, string address, bool metrics);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "The silence API on {Address} is read-only: set Health:SilenceToken to allow POST and DELETE from other machines")]
    private static partial void LogSilencesReadOnly(ILogger logger, string address);
}
