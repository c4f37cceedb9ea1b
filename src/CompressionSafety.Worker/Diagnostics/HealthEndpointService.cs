using System.Net;
using System.Text.Json;
using CompressionSafety.InfluxDb;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>
/// Serves the worker's health over HTTP for orchestrators: <c>/health/live</c> answers 503 only when the worker is
/// unhealthy (a fatal error or a stuck consume loop: restart it), <c>/health/ready</c> answers 200 only when it is
/// healthy (partitions assigned, a broker connection up, no client error since then). Both return the report as JSON. InfluxDB being
/// unreachable is reported but never makes the worker unready: metrics are buffered, not lost. The same listener
/// serves the silence API (<see cref="SilenceApi"/>) under <c>/api/v2/</c>.
/// </summary>
internal sealed partial class HealthEndpointService(
    IOptions<HealthEndpointOptions> options,
    WorkerHealth health,
    ILogger<HealthEndpointService> logger,
    InfluxDbMetricsSink? influx = null,
    SilenceApi? silences = null,
    Reporting.ReportMetrics? reports = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Prefix))
        {
            return;
        }

        using var listener = new HttpListener();
        listener.Prefixes.Add(options.Value.Prefix);
        listener.Start();
        LogListening(logger, options.Value.Prefix);
        using var registration = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // One bad request must not end the endpoint: answer it and go on.
            try
            {
                Answer(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or InvalidOperationException)
            {
                LogRequestFailed(logger, ex);
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        if (silences is not null && SilenceApi.Handles(path))
        {
            var (code, json) = silences.Answer(context.Request.HttpMethod, path, context.Request.InputStream);
            Respond(context, code, json, json.Length);
            return;
        }

        var report = health.Check();
        int status;
        if (string.Equals(path, "/health/live", StringComparison.Ordinal))
        {
            status = report.Status == WorkerHealthStatus.Unhealthy ? 503 : 200;
        }
        else if (string.Equals(path, "/health/ready", StringComparison.Ordinal))
        {
            status = report.Status == WorkerHealthStatus.Healthy ? 200 : 503;
        }
        else
        {
            status = 404;
        }

        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString().ToLowerInvariant());
            json.WriteNumber("assigned_partitions", report.AssignedPartitions);
            if (report.LastPollAge is { } age)
            {
                json.WriteNumber("last_poll_age_seconds", Math.Round(age.TotalSeconds, 3));
            }

            json.WriteNumber("records_handled", health.RecordsHandled);
            json.WriteNumber("client_errors", report.ClientErrors);
            json.WriteNumber("producer_failures", report.ProducerFailures);
            json.WriteStartArray("reasons");
            foreach (var reason in report.Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            if (influx is not null)
            {
                json.WriteString("influxdb", influx.Health.ToString().ToLowerInvariant());
                json.WriteNumber("influxdb_dropped_points", influx.DroppedPoints);
            }

            if (reports is not null)
            {
                // A missing archive never makes the worker unready (ingestion is fine); it is shown so an operator sees it.
                json.WriteNumber("reports_written", reports.Written);
                json.WriteNumber("reports_caught_up", reports.CaughtUp);
                json.WriteNumber("reports_missing_archive", reports.MissingArchive);
                json.WriteNumber("reports_failed", reports.Failed);
            }

            json.WriteEndObject();
        }

        Respond(context, status, body.GetBuffer(), (int)body.Length);
    }

    private static void Respond(HttpListenerContext context, int status, byte[] body, int length)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = length;
        context.Response.OutputStream.Write(body, 0, length);
        context.Response.Close();
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Health endpoint listening on {Prefix}")]
    private static partial void LogListening(ILogger logger, string prefix);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Health request failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception);
}
