using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Cli.Tests;

public class ReplayCommandTests
{
    private const string Valid1 = """{"schema_version":1,"event_id":"e-1","timestamp":"2026-11-26T16:00:10Z","model":"toxicity-guard","variant":"baseline","segment":{"locale":"de"},"prediction":{"label":"safe","probabilities":{"safe":0.8,"unsafe":0.2}},"safety":{"flagged":true}}""";
    private const string Valid2 = """{"schema_version":1,"event_id":"e-2","timestamp":"2026-11-26T16:01:00Z","model":"toxicity-guard","variant":"int8","prediction":{"label":"unsafe","probabilities":{"safe":0.1,"unsafe":0.9}},"safety":{"flagged":false}}""";
    private const string Later = """{"schema_version":1,"event_id":"e-3","timestamp":"2026-11-26T16:20:00Z","model":"toxicity-guard","variant":"baseline","prediction":{"label":"safe"}}""";
    private const string LateRecord = """{"schema_version":1,"event_id":"e-4","timestamp":"2026-11-26T16:02:00Z","model":"toxicity-guard","variant":"baseline","prediction":{"label":"safe"}}""";
    private const string Duplicate = Valid2;
    private const string BadProbabilities = """{"schema_version":1,"event_id":"e-5","timestamp":"2026-11-26T16:20:00Z","model":"m","variant":"v","prediction":{"label":"a","probabilities":{"a":0.5,"b":0.7}}}""";

    private static string[] Lines => [Valid1, Valid2, "not json", "", Duplicate, BadProbabilities, Later, LateRecord];

    private static List<JsonElement> ReadJsonLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Replay_MixedInput_WritesEveryOutputWithLineNumbersAndReasons()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("in.jsonl"), Lines);

        var (exit, output, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        Assert.Contains("results: ", output, StringComparison.Ordinal);
        var dead = ReadJsonLines(dir.File("out/dead-letter.jsonl"));
        Assert.Equal([(3L, "not_json"), (6L, "invalid_probabilities"), (8L, "late")], dead.Select(d => (d.GetProperty("line").GetInt64(), d.GetProperty("reason").GetString()!)));
        Assert.Equal("not json", dead[0].GetProperty("raw").GetString());
        Assert.Equal(LateRecord, dead[2].GetProperty("raw").GetString());

        var summary = JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json"))).RootElement;
        Assert.Equal(7, summary.GetProperty("records_read").GetInt64());
        Assert.Equal(3, summary.GetProperty("accepted").GetInt64());
        Assert.Equal(1, summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(1, summary.GetProperty("late").GetInt64());
        Assert.Equal(3, summary.GetProperty("dead_lettered").GetInt64());

        var windows = ReadJsonLines(dir.File("out/windows.jsonl"));
        var first = windows.Single(w => w.GetProperty("variant").GetString() == "baseline" && w.GetProperty("slice").GetString() == "all"
            && w.GetProperty("kind").GetString() == "traffic" && w.GetProperty("window_start").GetString() == "2026-11-26T16:00:00.000Z");
        Assert.Equal(1, first.GetProperty("count").GetInt64());
        Assert.Equal(1.0, first.GetProperty("metrics").GetProperty("flagged_rate").GetDouble());
        var variant = windows.Single(w => w.GetProperty("variant").GetString() == "int8" && w.GetProperty("kind").GetString() == "traffic");
        Assert.Equal(-1.0, variant.GetProperty("reference").GetProperty("baseline").GetProperty("flagged_rate_diff").GetDouble());

        var lp = File.ReadAllLines(dir.File("out/metrics.lp"));
        Assert.Contains("compression_safety_window,model=toxicity-guard,variant=baseline,slice=locale\\=de,kind=traffic,reference=self,metric=count value=1 1795708800000000000", lp);
    }

    [Fact]
    public async Task Replay_IntoAFolderWithAnEarlierRun_NothingOfItStays()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("in.jsonl"), Lines);
        Directory.CreateDirectory(dir.File("out"));
        File.WriteAllText(dir.File("out/incidents.jsonl"), "{\"id\":\"from-an-earlier-run\"}\n");
        File.WriteAllText(dir.File("out/review.jsonl"), "{}\n");
        File.WriteAllText(dir.File("out/notes.txt"), "mine");

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        Assert.False(File.Exists(dir.File("out/incidents.jsonl")), "this run had no rules: an earlier run's incidents must not look like its own");
        Assert.False(File.Exists(dir.File("out/review.jsonl")));
        Assert.Equal("mine", File.ReadAllText(dir.File("out/notes.txt")));
        Assert.Contains("held an earlier run; replaced its incidents.jsonl, review.jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OutIsAFile_Exit2WithAMessageNotAStackTrace()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("in.jsonl"), Lines);
        File.WriteAllText(dir.File("taken"), "x");

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("taken"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Equal($"error: --out: {dir.File("taken")} is a file, not a folder", error.Trim());
    }

    [Fact]
    public async Task Replay_GzipInputAndSeparateLabels_JoinsLabels()
    {
        using var dir = new TempDirectory();
        using (var gz = new GZipStream(File.Create(dir.File("in.jsonl.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(string.Join('\n', Valid1, Valid2, Later) + "\n"));
        }

        File.WriteAllLines(dir.File("labels.jsonl"), [
            """{"schema_version":1,"event_id":"e-1","timestamp":"2026-11-26T16:05:00Z","label":"unsafe"}""",
            """{"schema_version":1,"event_id":"e-2","timestamp":"2026-11-26T16:06:00Z","label":"unsafe"}""",
        ]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl.gz"), "--labels", dir.File("labels.jsonl"), "-o", dir.File("out"));

        Assert.True(exit == 0, error);
        var summary = JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json"))).RootElement;
        Assert.Equal(2, summary.GetProperty("labels_joined").GetInt64());
        var labels = ReadJsonLines(dir.File("out/windows.jsonl"))
            .Single(w => w.GetProperty("variant").GetString() == "baseline" && w.GetProperty("slice").GetString() == "all"
                && w.GetProperty("kind").GetString() == "labels" && w.GetProperty("window_start").GetString() == "2026-11-26T16:00:00.000Z");
        Assert.Equal(1.0, labels.GetProperty("metrics").GetProperty("unsafe_miss_rate").GetDouble());
    }

    [Fact]
    public async Task Replay_OversizedRecord_DeadLetteredAsTooLargeWithTruncatedRaw()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("config.yaml"), "max_record_bytes: 2000\n");
        var huge = """{"schema_version":1,"event_id":"big","pad":""" + "\"" + new string('x', 5000) + "\"}";
        File.WriteAllLines(dir.File("in.jsonl"), [Valid1, huge, Valid2]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-c", dir.File("config.yaml"), "-o", dir.File("out"));

        Assert.True(exit == 0, error);
        var dead = Assert.Single(ReadJsonLines(dir.File("out/dead-letter.jsonl")));
        Assert.Equal("too_large", dead.GetProperty("reason").GetString());
        Assert.Equal(2, dead.GetProperty("line").GetInt64());
        Assert.True(dead.GetProperty("raw_truncated").GetBoolean());
        Assert.Equal(huge.Length, dead.GetProperty("raw_bytes").GetInt64());
        Assert.Equal(1024, dead.GetProperty("raw").GetString()!.Length);
    }

    [Theory]
    [InlineData("window_size: 5\n", "window_size", "expected a duration")]
    [InlineData("windw_size: 5m\n", "windw_size", "unknown setting")]
    [InlineData("grace: 2h\nlabel_horizon: 1h\n", "label_horizon", "at least")]
    [InlineData("low_confidence_threshold: 1.5\n", "low_confidence_threshold", "between")]
    [InlineData("segment_attributes: locale\n", "segment_attributes", "list of strings")]
    [InlineData("{ not: [valid\n", "not valid YAML", "line")]
    public async Task Replay_InvalidConfig_FailsBeforeReadingWithSettingName(string config, string expected1, string expected2)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("config.yaml"), config);
        File.WriteAllLines(dir.File("in.jsonl"), [Valid1]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-c", dir.File("config.yaml"), "-o", dir.File("out"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains(expected1, error, StringComparison.Ordinal);
        Assert.Contains(expected2, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Replay_JsonConfig_IsAccepted()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("config.json"), """{"window_size": "10m", "segment_attributes": ["locale"]}""");
        File.WriteAllLines(dir.File("in.jsonl"), [Valid1]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-c", dir.File("config.json"), "-o", dir.File("out"));

        Assert.True(exit == 0, error);
        var window = ReadJsonLines(dir.File("out/windows.jsonl")).First();
        Assert.Equal("2026-11-26T16:10:00.000Z", window.GetProperty("window_end").GetString());
    }

    [Fact]
    public async Task Replay_Snapshot_AddsSnapshotReference()
    {
        using var dir = new TempDirectory();
        var slice = new SnapshotSlice("all", 10, new Dictionary<string, double?> { ["flag_rate"] = 0.5 }, new Dictionary<string, double>(), new Histogram([0, 1], [1]));
        BaselineSnapshotJson.Write(
            new BaselineSnapshot(BaselineSnapshot.CurrentSchemaVersion, "toxicity-guard", DateTimeOffset.UnixEpoch, "t", null, "sha", 10, ["safe", "unsafe"], "unsafe", [new SnapshotVariant("int8", false, "h", "pass", [slice])]),
            dir.File("snapshot.json"));
        File.WriteAllLines(dir.File("in.jsonl"), [Valid2]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "--snapshot", dir.File("snapshot.json"), "-o", dir.File("out"));

        Assert.True(exit == 0, error);
        var window = ReadJsonLines(dir.File("out/windows.jsonl")).First(w => w.GetProperty("slice").GetString() == "all");
        Assert.Equal(0.5, window.GetProperty("reference").GetProperty("snapshot").GetProperty("positive_share_diff").GetDouble());
        Assert.Equal("sha", JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json"))).RootElement.GetProperty("snapshot").GetProperty("suite_sha256").GetString());
    }

    [Fact]
    public async Task Replay_CorruptSnapshot_FailsBeforeReading()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("snapshot.json"), """{"schema_version": 99, "variants": []}""");
        File.WriteAllLines(dir.File("in.jsonl"), [Valid1]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "--snapshot", dir.File("snapshot.json"), "-o", dir.File("out"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("error: snapshot ", error, StringComparison.Ordinal);
        Assert.Contains("schema_version 99", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Replay_MissingInput_FailsWithPath()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("nope.jsonl"), "-o", dir.File("out"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("nope.jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Replay_ExplainsEveryOption()
    {
        var (exit, output, _) = await CliRunner.RunAsync("replay", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--input", "--labels", "--config", "--out" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
