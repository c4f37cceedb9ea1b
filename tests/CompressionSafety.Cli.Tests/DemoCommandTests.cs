using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_NoKafkaSmallRun_WritesEveryOutputAndReportsWhereTheyAre()
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = await CliRunner.RunAsync("demo", "--no-kafka", "--out", dir.Path, "--records", "20000", "--rules", RepositoryRoot.Combine("alert-rules"));

        Assert.True(exit == 0, error);
        foreach (var file in new[] { "input.jsonl", "windows.jsonl", "dead-letter.jsonl", "metrics.lp", "summary.json", "incidents.jsonl", "review.jsonl", "report/report.html", "report/report.md", "report/report.json" })
        {
            Assert.True(File.Exists(dir.File(file)), file);
        }

        Assert.Contains("results: " + dir.Path, output, StringComparison.Ordinal);
        Assert.Contains("Where compression hurt most", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_OnInProcessKafka_ConsumesEverythingProducedAndWritesTheOutputs()
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = await CliRunner.RunAsync("demo", "--out", dir.Path, "--records", "3000", "--speed", "100000", "--rules", RepositoryRoot.Combine("alert-rules"));

        Assert.True(exit == 0, error + output);
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("summary.json"))).RootElement;
        Assert.True(summary.GetProperty("records_produced").GetInt64() >= 3000);
        Assert.Equal(summary.GetProperty("records_produced").GetInt64(), summary.GetProperty("records_consumed").GetInt64());
        Assert.True(summary.GetProperty("windows").GetInt64() > 0);
        Assert.True(summary.GetProperty("dead_lettered").GetInt64() > 0, "the generator's invalid lines reach the dead-letter topic");
        foreach (var file in new[] { "windows.jsonl", "dead-letter.jsonl", "metrics.lp", "incidents.jsonl", "review.jsonl", "report/report.html", "report/report.json" })
        {
            Assert.True(File.Exists(dir.File(file)), file);
        }

        Assert.Contains("for demonstration only", output, StringComparison.Ordinal);
        // The report's manifest can name the rules and settings the demo's worker ran with.
        var rules = CompressionSafety.Engine.Reproducibility.RuleSetHash.OfDirectory(RepositoryRoot.Combine("alert-rules"));
        Assert.Equal(rules, summary.GetProperty("rules_sha256").GetString());
        Assert.Equal("worker", summary.GetProperty("config_source").GetString());
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json"))).RootElement.GetProperty("manifest");
        Assert.Equal(rules, manifest.GetProperty("rules_sha256").GetString());
        Assert.Equal(summary.GetProperty("generator").GetProperty("seed").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), manifest.GetProperty("generator_seed").GetString());
    }

    [Fact]
    public async Task Demo_ProducerFasterThanTheBrokerKeeps_LosesNoRecordAndAccountsForEveryKind()
    {
        // About 26,000 lines (over 10 MiB) at unbounded speed: more than the mock broker keeps per partition, so an
        // unthrottled producer has unread records dropped under it.
        using var dir = new TempDirectory();

        var (exit, output, error) = await CliRunner.RunAsync("demo", "--out", dir.Path, "--records", "20000", "--speed", "100000000", "--rules", RepositoryRoot.Combine("alert-rules"));

        Assert.True(exit == 0, error + output);
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("summary.json"))).RootElement;
        var produced = summary.GetProperty("records_produced").GetInt64();
        Assert.Equal(produced, summary.GetProperty("records_consumed").GetInt64());
        Assert.Equal(0, summary.GetProperty("records_lost").GetInt64());
        var kinds = summary.GetProperty("produced_by_kind");
        Assert.Equal(20000, kinds.GetProperty("predictions").GetInt64() + kinds.GetProperty("late").GetInt64() + kinds.GetProperty("invalid").GetInt64());
        Assert.Equal(
            produced,
            kinds.GetProperty("predictions").GetInt64() + kinds.GetProperty("labels").GetInt64() + kinds.GetProperty("invalid").GetInt64() +
            kinds.GetProperty("duplicates").GetInt64() + kinds.GetProperty("late").GetInt64());
        Assert.Contains("the 20,000 requested slots", output, StringComparison.Ordinal);

        // Every incident state change on the topic has its point in metrics.lp, as in replay and the worker's InfluxDB.
        var incidents = File.ReadAllLines(dir.File("incidents.jsonl")).Length;
        Assert.True(incidents > 0, "the demo's degradation raises incidents");
        Assert.Equal(incidents, File.ReadLines(dir.File("metrics.lp")).Count(l => l.StartsWith("compression_safety_incident,", StringComparison.Ordinal)));
    }
}
