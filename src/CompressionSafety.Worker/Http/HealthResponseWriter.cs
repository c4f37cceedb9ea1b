using System.Text.Json;
using CompressionSafety.InfluxDb;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Reporting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompressionSafety.Worker.Http;

/// <summary>
/// The JSON body of <c>/health/live</c> and <c>/health/ready</c>: <c>status</c> (the checks this probe ran, combined),
/// <c>reasons</c> (the description of each check that is not healthy), <c>checks</c> (each check's status, description
/// and data), and the flat fields the HttpListener endpoint had (<c>assigned_partitions</c>, <c>records_handled</c>,
/// <c>influxdb</c>, <c>reports_*</c>...) so scripts reading them keep working.
/// </summary>
internal sealed class HealthResponseWriter(WorkerHealth health, InfluxDbMetricsSink? influx, ReportMetrics? reports)
{
    public async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var worker = health.Check();
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", Name(report.Status));
        json.WriteNumber("assigned_partitions", worker.AssignedPartitions);
        if (worker.LastPollAge is { } age)
        {
            json.WriteNumber("last_poll_age_seconds", Math.Round(age.TotalSeconds, 3));
        }

        json.WriteNumber("records_handled", health.RecordsHandled);
        json.WriteNumber("client_errors", worker.ClientErrors);
        json.WriteNumber("producer_failures", worker.ProducerFailures);
        json.WriteStartArray("reasons");
        // The loop's and Kafka's checks share the worker's reasons: each once.
        foreach (var reason in report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description ?? e.Exception?.Message ?? "check failed").Distinct(StringComparer.Ordinal))
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", Name(entry.Status));
            json.WriteString("description", entry.Description ?? entry.Exception?.Message);
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                Write(json, key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
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

    /// <summary>The checks' data are counters and ages; anything else is written as text.</summary>
    private static void Write(Utf8JsonWriter json, string key, object value)
    {
        switch (value)
        {
            case int i:
                json.WriteNumber(key, i);
                break;
            case long l:
                json.WriteNumber(key, l);
                break;
            case double d:
                json.WriteNumber(key, d);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            default:
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
