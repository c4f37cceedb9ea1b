using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CompressionSafety.Contracts;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Tests.Kafka;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>
/// OpenTelemetry's meter listener is process-wide: it sees the <c>CompressionSafety.Worker</c> meter of every host in the
/// test process, so the exact counts asserted here hold only while no other test's worker runs beside these.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeters
{
    public const string Name = "process-wide meters";
}

/// <summary>The worker's own instruments on <c>Metrics:Prefix</c>/metrics, read as Prometheus reads them.</summary>
[Collection(ProcessWideMeters.Name)]
public sealed class PrometheusEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData("http://127.0.0.1:9464/", "/metrics")]
    [InlineData("http://*:9464/", "/metrics")]
    [InlineData("http://+:9464/worker/", "/worker/metrics")]
    public void ScrapePath_Prefix_MetricsUnderThePrefixPath(string prefix, string expected) =>
        Assert.Equal(expected, MetricsEndpointOptions.ScrapePath(prefix));

    [Theory]
    [InlineData("9464")]
    [InlineData("localhost:9464/")]
    [InlineData("http://127.0.0.1:9464")]
    public async Task Start_MalformedPrefix_FailsNamingTheSetting(string prefix)
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Metrics:Prefix"] = prefix });

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Metrics:Prefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_NoMetricsPrefix_NoExporter()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        using var host = harness.BuildHost("metrics.lp");

        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Scrape_RecordsConsumed_ConsumerLagRecordsAndLatencyInPrometheusText()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        await harness.ProduceAsync([.. TestStream.Predictions(120).Select(RecordWriter.ToJsonBytes), "not json"u8.ToArray()]);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LocalHttp.FreePort()}/");
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Metrics:Prefix"] = prefix });
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 121, "the records");

        string text = string.Empty;
        string? contentType = null;
        await LocalServer.WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(prefix + "metrics"));
                contentType = response.Content.Headers.ContentType?.MediaType;
                text = await response.Content.ReadAsStringAsync();
                return Value(text, "compression_safety_ingest_records_total") == 121 && Value(text, "compression_safety_ingest_consumer_lag") == 0;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, KafkaTestClients.Patience, "records_total 121 and lag 0 on /metrics");
        await host.StopAsync();

        Assert.Equal("text/plain", contentType);
        Assert.Contains("# TYPE compression_safety_ingest_records_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE compression_safety_ingest_consumer_lag gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE compression_safety_ingest_processing_latency_milliseconds histogram", text, StringComparison.Ordinal);
        Assert.Equal(120, Value(text, "compression_safety_ingest_processing_latency_milliseconds_count"));
        // Sub-millisecond buckets from the instrument's advice, not the SDK's default 0, 5, 10 ms...
        Assert.Contains("compression_safety_ingest_processing_latency_milliseconds_bucket{otel_scope_name=\"CompressionSafety.Worker\",service_name=\"compression-safety-worker\",le=\"0.25\"}", text, StringComparison.Ordinal);
        Assert.Equal(120, Value(text, "compression_safety_ingest_valid_total"));
        Assert.Matches(@"compression_safety_ingest_dead_lettered_total\{[^}]*reason=""not_json""[^}]*\} 1\n", text);
        Assert.Matches(@"compression_safety_ingest_records_total\{[^}]*service_name=""compression-safety-worker""", text);
    }

    [Fact]
    public async Task Scrape_OutputsConfigured_SinkAndNotifierCountersByOutput()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var dead = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LocalHttp.FreePort()}/");
        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LocalHttp.FreePort()}/");
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?>
        {
            ["Metrics:Prefix"] = prefix,
            ["Webhook:Url"] = dead + "hook",
            ["Webhook:Secret"] = "secret",
            ["Alertmanager:Urls:0"] = dead,
            ["InfluxDb:Url"] = dead,
            ["InfluxDb:Org"] = "org",
            ["InfluxDb:Bucket"] = "bucket",
            ["InfluxDb:Token"] = "token",
        });
        await host.StartAsync();

        var text = await ScrapeUntilAsync(prefix, t => t.Contains("compression_safety_ingest_consumer_lag{", StringComparison.Ordinal));
        await host.StopAsync();

        foreach (var name in new[] { "dropped", "failed", "sent" })
        {
            foreach (var output in new[] { "webhook", "alertmanager" })
            {
                Assert.Matches("compression_safety_notifications_" + name + @"_total\{[^}]*output=""" + output + @"""[^}]*\} 0", text);
            }
        }

        Assert.Matches(@"compression_safety_influxdb_points_dropped_total\{[^}]*otel_scope_name=""CompressionSafety.InfluxDb""[^}]*\} 0", text);
        Assert.Contains("# TYPE compression_safety_influxdb_points_buffered gauge", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealPrometheus_ScrapesWorker_ConsumerLagAndRecordsSeriesWithWorkerLabels()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        await harness.ProduceAsync(TestStream.Predictions(60).Select(RecordWriter.ToJsonBytes));
        var workerPort = LocalHttp.FreePort();
        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{workerPort}/");
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Metrics:Prefix"] = prefix });
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 60, "the records");

        var binary = Environment.GetEnvironmentVariable("PROMETHEUS_BIN") ?? "/usr/bin/prometheus";
        await using var prometheus = await LocalServer.StartAsync(binary, "prometheus", (port, dir) =>
        {
            var config = Path.Combine(dir, "prometheus.yml");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: compression-safety-worker
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["127.0.0.1:{workerPort}"]
                """));
            return
            [
                "--config.file=" + config,
                "--storage.tsdb.path=" + Path.Combine(dir, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--log.level=warn",
            ];
        }, "/-/ready");

        var lag = await QueryUntilSeriesAsync(prometheus, "compression_safety_ingest_consumer_lag");
        var records = await QueryUntilSeriesAsync(prometheus, "compression_safety_ingest_records_total");
        await host.StopAsync();

        foreach (var series in new[] { lag, records })
        {
            var labels = series.GetProperty("metric");
            Assert.Equal("compression-safety-worker", labels.GetProperty("job").GetString());
            Assert.Equal("127.0.0.1:" + workerPort.ToString(CultureInfo.InvariantCulture), labels.GetProperty("instance").GetString());
            Assert.Equal(MetricsEndpointOptions.ServiceName, labels.GetProperty("service_name").GetString());
        }

        Assert.Equal("0", lag.GetProperty("value")[1].GetString());
        Assert.Equal("60", records.GetProperty("value")[1].GetString());
    }

    /// <summary>Scrapes <paramref name="prefix"/>metrics until <paramref name="done"/> holds; returns the text.</summary>
    private static async Task<string> ScrapeUntilAsync(string prefix, Func<string, bool> done)
    {
        var text = string.Empty;
        await LocalServer.WaitUntilAsync(async () =>
        {
            try
            {
                text = await Http.GetStringAsync(new Uri(prefix + "metrics"));
                return done(text);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, KafkaTestClients.Patience, "the scrape on " + prefix);
        return text;
    }

    /// <summary>Polls Prometheus's query API until <paramref name="query"/> returns one series; returns it.</summary>
    private static async Task<JsonElement> QueryUntilSeriesAsync(LocalServer prometheus, string query)
    {
        JsonElement found = default;
        await LocalServer.WaitUntilAsync(async () =>
        {
            var uri = new Uri(prometheus.Url + "/api/v1/query?query=" + Uri.EscapeDataString(query));
            using var document = JsonDocument.Parse(await Http.GetStringAsync(uri));
            var result = document.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 0)
            {
                return false;
            }

            found = result[0].Clone();
            return true;
        }, TimeSpan.FromSeconds(60), "a " + query + " series in Prometheus (output: " + prometheus.Output + ")");
        return found;
    }

    /// <summary>The value of the first sample of <paramref name="name"/> in a Prometheus text exposition, or null.</summary>
    private static double? Value(string text, string name)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(name) + @"(\{[^}]*\})? (\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : null;
    }
}
