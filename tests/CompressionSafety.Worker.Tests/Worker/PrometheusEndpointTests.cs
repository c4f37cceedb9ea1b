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

/// <summary>The worker's own instruments on its HTTP server's /metrics (<c>Health:Prefix</c>, or the older <c>Metrics:Prefix</c>), read as Prometheus reads them.</summary>
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
        using var host = harness.BuildHost("metrics.lp", settings: FailingOutputs("Metrics:Prefix", prefix, dead));
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
    public async Task Start_MetricsPrefixOtherThanHealthPrefix_FailsNamingBoth()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?>
        {
            ["Health:Prefix"] = "http://127.0.0.1:18080/",
            ["Metrics:Prefix"] = "http://127.0.0.1:19464/",
        });

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Metrics:Prefix", error.Message, StringComparison.Ordinal);
        Assert.Contains("Health:Prefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_HealthPrefixOnly_MetricsOnTheSameServerAsTheProbes()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        await harness.ProduceAsync(TestStream.Predictions(10).Select(RecordWriter.ToJsonBytes));
        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LocalHttp.FreePort()}/");
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Health:Prefix"] = prefix });
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 10, "the records");

        var text = await ScrapeUntilAsync(prefix, t => Value(t, "compression_safety_ingest_records_total") == 10);
        using var live = await Http.GetAsync(new Uri(prefix + "health/live"));
        await host.StopAsync();

        Assert.Contains("# TYPE compression_safety_ingest_consumer_lag gauge", text, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Host_MetricsDisabled_NoExporterAndNoScrapeEndpoint()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LocalHttp.FreePort()}/");
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Health:Prefix"] = prefix, ["Metrics:Enabled"] = "false" });
        await host.StartAsync();

        using var metrics = await Http.GetAsync(new Uri(prefix + "metrics"));
        using var live = await Http.GetAsync(new Uri(prefix + "health/live"));
        await host.StopAsync();

        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>
    /// Debian's prometheus loads the compose stack's own deploy/prometheus/prometheus.yml and rules (target, rule path
    /// and intervals rewritten for the test), scrapes a running worker with every output configured, and answers every
    /// PromQL query of dashboards/worker.json with series; every metric the alert rules name exists too. A panel or a rule
    /// on a metric nothing exports fails here.
    /// </summary>
    [Fact]
    public async Task RealPrometheus_DeployConfigScrapesWorker_SeriesForLagRecordsEveryWorkerPanelAndRule()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        // Two minutes of one-a-second records close the first minute's windows; one bad record makes a dead letter.
        await harness.ProduceAsync([.. TestStream.Predictions(120).Select(RecordWriter.ToJsonBytes), "not json"u8.ToArray()]);
        var workerPort = LocalHttp.FreePort();
        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{workerPort}/");
        // Nothing listens here: the outputs are configured (so their counters are exported) and failing.
        var dead = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LocalHttp.FreePort()}/");
        using var host = harness.BuildHost("metrics.lp", settings: FailingOutputs("Health:Prefix", prefix, dead));
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 121, "the records");

        var binary = Environment.GetEnvironmentVariable("PROMETHEUS_BIN") ?? "/usr/bin/prometheus";
        await using var prometheus = await LocalServer.StartAsync(binary, "prometheus", (port, dir) =>
        {
            var config = Path.Combine(dir, "prometheus.yml");
            File.WriteAllText(config, DeployConfig(workerPort));
            return
            [
                "--config.file=" + config,
                "--storage.tsdb.path=" + Path.Combine(dir, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--log.level=error",
            ];
        }, "/-/ready");

        var lag = await QueryUntilSeriesAsync(prometheus, "compression_safety_ingest_consumer_lag");
        var records = await QueryUntilSeriesAsync(prometheus, "compression_safety_ingest_records_total");
        var panels = DashboardTargets();
        foreach (var (where, expr) in panels)
        {
            await QueryUntilSeriesAsync(prometheus, expr, "dashboards/worker.json " + where);
        }

        var ruleFile = File.ReadAllText(RepositoryRoot.Combine("deploy/prometheus/rules/worker.yml"));
        var ruleMetrics = Regex.Matches(ruleFile, @"\b(up|compression_safety_\w+)\b(?=[{\[)])").Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var metric in ruleMetrics)
        {
            await QueryUntilSeriesAsync(prometheus, metric + "{job=\"compression-safety-worker\"}", "deploy/prometheus/rules/worker.yml " + metric);
        }

        using var rules = JsonDocument.Parse(await Http.GetStringAsync(new Uri(prometheus.Url + "/api/v1/rules")));
        await host.StopAsync();

        foreach (var series in new[] { lag, records })
        {
            var labels = series.GetProperty("metric");
            Assert.Equal("compression-safety-worker", labels.GetProperty("job").GetString());
            Assert.Equal("127.0.0.1:" + workerPort.ToString(CultureInfo.InvariantCulture), labels.GetProperty("instance").GetString());
            Assert.Equal(MetricsEndpointOptions.ServiceName, labels.GetProperty("service_name").GetString());
        }

        Assert.Equal("0", lag.GetProperty("value")[1].GetString());
        Assert.Equal("121", records.GetProperty("value")[1].GetString());
        Assert.True(panels.Count >= 10, "worker.json has " + panels.Count + " PromQL targets");
        Assert.Equal(6, ruleMetrics.Count);
        var loaded = rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
        Assert.Equal(Regex.Count(ruleFile, "- alert: "), loaded.Count);
        Assert.All(loaded, rule => Assert.NotEqual("err", rule.GetProperty("health").GetString()));
    }

    /// <summary>deploy/prometheus/prometheus.yml with the worker target, rule path, Alertmanager and intervals made local; each replacement must apply.</summary>
    private static string DeployConfig(int workerPort)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("deploy/prometheus/prometheus.yml"));
        foreach (var (from, to) in new[]
        {
            ("\"worker:8080\"", string.Create(CultureInfo.InvariantCulture, $"\"127.0.0.1:{workerPort}\"")),
            ("/etc/prometheus/rules/", RepositoryRoot.Combine("deploy/prometheus/rules") + "/"),
            ("\"alertmanager:9093\"", "\"127.0.0.1:1\""),
            ("scrape_interval: 15s", "scrape_interval: 1s"),
            ("evaluation_interval: 15s", "evaluation_interval: 1s"),
        })
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Every PromQL target of dashboards/worker.json with Grafana's <c>$__rate_interval</c> as Grafana would set it for a 1 s scrape.</summary>
    private static List<(string Where, string Expr)> DashboardTargets()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("dashboards/worker.json")));
        var targets = new List<(string, string)>();
        foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                Assert.Equal("prometheus", target.GetProperty("datasource").GetProperty("type").GetString());
                var expr = target.GetProperty("expr").GetString()!.Replace("$__rate_interval", "5s", StringComparison.Ordinal);
                Assert.DoesNotContain("$", expr, StringComparison.Ordinal);
                targets.Add(($"panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}", expr));
            }
        }

        return targets;
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

    /// <summary>Polls Prometheus's query API until <paramref name="query"/> returns a series; returns the first.</summary>
    private static async Task<JsonElement> QueryUntilSeriesAsync(LocalServer prometheus, string query, string? what = null)
    {
        JsonElement found = default;
        await LocalServer.WaitUntilAsync(async () =>
        {
            var uri = new Uri(prometheus.Url + "/api/v1/query?query=" + Uri.EscapeDataString(query));
            using var response = await Http.GetAsync(uri);
            var body = await response.Content.ReadAsStringAsync();
            // A query Prometheus cannot parse answers 400 with the reason: fail at once, naming it.
            Assert.True(response.IsSuccessStatusCode, (what ?? query) + ": " + body);
            using var document = JsonDocument.Parse(body);
            var result = document.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 0)
            {
                return false;
            }

            found = result[0].Clone();
            return true;
        }, TimeSpan.FromSeconds(60), "a series for " + (what ?? query) + " (" + query + ") in Prometheus (output: " + prometheus.Output + ")");
        return found;
    }

    /// <summary>The value of the first sample of <paramref name="name"/> in a Prometheus text exposition, or null.</summary>
    private static double? Value(string text, string name)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(name) + @"(\{[^}]*\})? (\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The server on <paramref name="prefix"/> and every output configured toward <paramref name="dead"/>, where nothing listens.</summary>
    private static Dictionary<string, string?> FailingOutputs(string prefixKey, string prefix, string dead) => new()
    {
        [prefixKey] = prefix,
        ["Webhook:Url"] = dead + "hook",
        ["Webhook:Secret"] = "secret",
        ["Alertmanager:Urls:0"] = dead,
        ["InfluxDb:Url"] = dead,
        ["InfluxDb:Org"] = "org",
        ["InfluxDb:Bucket"] = "bucket",
        ["InfluxDb:Token"] = "token",
    };
}
