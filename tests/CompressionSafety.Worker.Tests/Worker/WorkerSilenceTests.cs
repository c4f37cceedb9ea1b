using System.Net;
using System.Text;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Tests.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>End to end: a silence posted to the running worker's API mutes the matching incidents on the incidents topic.</summary>
public sealed class WorkerSilenceTests
{
    [Fact]
    public async Task Run_SilencePostedBeforeRecords_IncidentTopicEqualsReplayWithThatSilence()
    {
        var lines = StreamGenerator.Generate(new GeneratorOptions
        {
            Records = 8000,
            Duration = TimeSpan.FromHours(2),
            Seed = 11,
            Degradations =
            [
                Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3"),
                Degradation.Parse("variant=pruned-50,kind=flagged-rate,start=1h,size=0.3"),
            ],
        }).Select(l => l.Utf8.ToArray()).ToList();
        var rules = RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules"));
        var unsilenced = ReplayIncidents(lines, rules);
        var silence = new Silence("api", new Dictionary<string, string> { ["variant"] = "int8-dynamic" }, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(200));
        var expected = ReplayIncidents(lines, rules with { Silences = [silence] });

        // The silence must change the outcome, and leave something to wait for on the topic.
        Assert.Contains(unsilenced, i => i.Variant == "int8-dynamic");
        Assert.DoesNotContain(expected, i => i.Variant == "int8-dynamic");
        Assert.NotEmpty(expected);

        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var incidentTopic = KafkaTestClients.CreateTopic(cluster, 1, "incidents");
        var prefix = $"http://127.0.0.1:{LocalHttp.FreePort()}/";
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?>
        {
            ["Engine:WindowSize"] = "00:05:00",
            ["Engine:Grace"] = "00:01:00",
            ["Engine:LabelHorizon"] = "01:00:00",
            ["Kafka:MaxRecordBytes"] = "1048576",
            ["Kafka:IncidentTopic"] = incidentTopic,
            ["Kafka:ReviewTopic"] = KafkaTestClients.CreateTopic(cluster, 1, "review"),
            ["Rules:Directory"] = RepositoryRoot.Combine("alert-rules"),
            ["Rules:SilencesFile"] = Path.Combine(harness.Directory, "silences.json"),
            ["Health:Prefix"] = prefix,
        });
        await host.StartAsync();
        await PostSilenceAsync(new Uri(prefix + "api/v2/silences"));
        await harness.ProduceAsync(lines);

        var published = KafkaTestClients.Consume(cluster, incidentTopic, KafkaTestClients.UniqueName("incident-reader"), expected.Count);
        await host.StopAsync();

        Assert.Equal(expected.Select(e => Encoding.UTF8.GetString(e.Json)), published.Select(p => Encoding.UTF8.GetString(p.Message.Value)));
        Assert.Contains("int8-dynamic", File.ReadAllText(Path.Combine(harness.Directory, "silences.json")), StringComparison.Ordinal);
    }

    private static async Task PostSilenceAsync(Uri uri)
    {
        using var http = new HttpClient();
        const string Body = """
            {"matchers":[{"name":"variant","value":"int8-dynamic","isRegex":false,"isEqual":true}],
             "startsAt":"1970-01-01T00:00:00Z","endsAt":"2170-01-01T00:00:00Z","createdBy":"test","comment":"mute one variant"}
            """;

        // The listener starts on a background thread: retry briefly until it answers.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsync(uri, new StringContent(Body, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private static List<(string Variant, byte[] Json)> ReplayIncidents(IEnumerable<byte[]> lines, RuleSet rules) =>
        [.. InProcessReplay.Incidents(lines, rules).Select(i => (i.Key.Variant, JsonBytes.Of(w => IncidentJson.Write(w, i))))];
}
