using System.Net;
using System.Security.Cryptography;
using System.Text;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Tests.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>End to end through Kafka: the incidents topic and the metrics file's incident points carry exactly the incidents replay computes on the same input, the webhook gets them signed and Alertmanager holds them.</summary>
public sealed class IncidentTopicTests
{
    [Fact]
    public async Task Run_GeneratedStreamWithDegradation_IncidentTopicEqualsReplay()
    {
        // Small enough for one mock partition (about 4.5 MB), large enough for the default flagged-rate rule to fire.
        var lines = StreamGenerator.Generate(new GeneratorOptions
        {
            Records = 8000,
            Duration = TimeSpan.FromHours(2),
            Seed = 11,
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3")],
        }).Select(l => l.Utf8.ToArray()).ToList();
        var rules = RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules"));
        var expected = ReplayIncidents(lines, rules);
        Assert.NotEmpty(expected);

        using var webhook = new HttpListener();
        var port = LocalHttp.FreePort();
        webhook.Prefixes.Add($"http://127.0.0.1:{port}/");
        webhook.Start();
        var posted = LocalHttp.ReceiveOneAsync(webhook, "X-CompressionSafety-Signature");

        await using var alertmanager = await AlertmanagerServer.StartAsync();
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var incidentTopic = KafkaTestClients.CreateTopic(cluster, 1, "incidents");
        var reviewTopic = KafkaTestClients.CreateTopic(cluster, 1, "review");
        await harness.ProduceAsync(lines);
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?>
        {
            ["Engine:WindowSize"] = "00:05:00",
            ["Engine:Grace"] = "00:01:00",
            ["Engine:LabelHorizon"] = "01:00:00",
            ["Kafka:MaxRecordBytes"] = "1048576",
            ["Kafka:IncidentTopic"] = incidentTopic,
            ["Kafka:ReviewTopic"] = reviewTopic,
            ["Rules:Directory"] = RepositoryRoot.Combine("alert-rules"),
            ["Webhook:Url"] = $"http://127.0.0.1:{port}/alerts",
            ["Webhook:Secret"] = "s3cret",
            ["Alertmanager:Urls:0"] = alertmanager.Url.ToString(),
        });
        await host.StartAsync();
        var published = KafkaTestClients.Consume(cluster, incidentTopic, KafkaTestClients.UniqueName("incident-reader"), expected.Count);
        var reviews = KafkaTestClients.Consume(cluster, reviewTopic, KafkaTestClients.UniqueName("review-reader"), 1);
        await host.StopAsync();

        Assert.Equal(expected.Select(e => e.Id), published.Select(p => Encoding.UTF8.GetString(p.Message.Key)));
        Assert.Equal(expected.Select(e => Encoding.UTF8.GetString(e.Json)), published.Select(p => Encoding.UTF8.GetString(p.Message.Value)));
        Assert.NotEmpty(reviews);
        // The metrics file carries one incident point per state change, beside the window points.
        var points = harness.MetricsLines("metrics.lp").Where(l => l.StartsWith(LineProtocol.IncidentMeasurement + ",", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Select(e => e.Id), points.Select(p => p[(p.IndexOf(",incident_id=", StringComparison.Ordinal) + 13)..p.IndexOf(' ', StringComparison.Ordinal)]));
        var alerts = await AlertmanagerServer.UntilAsync(alertmanager.AlertsAsync, a => a.Count > 0, "worker's alerts in Alertmanager");
        Assert.Contains(alerts, a => a.GetProperty("annotations").GetProperty("incident_id").GetString() == expected[0].Id);
        var (body, signature) = await posted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(expected[0].Id, body, StringComparison.Ordinal);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(body))), signature);
    }

    /// <summary>What replay does with the same records, minus the end-of-input flush (a worker never reaches an end).</summary>
    private static List<(string Id, byte[] Json)> ReplayIncidents(IEnumerable<byte[]> lines, RuleSet rules) =>
        [.. InProcessReplay.Incidents(lines, rules).Select(i => (i.Id, JsonBytes.Of(w => IncidentJson.Write(w, i))))];
}
