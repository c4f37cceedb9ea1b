using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CompressionSafety.Cli.Tests;

/// <summary>Careless and hostile inputs to <c>replay</c> (issue 16): each a clear outcome, nothing corrupted.</summary>
public sealed class ReplayHostileInputTests
{
    private static string Record(string id, string timestamp, string model = "toxicity-guard", string variant = "baseline") =>
        "{\"schema_version\":1,\"event_id\":\"" + id + "\",\"timestamp\":\"" + timestamp + "\",\"model\":\"" + model + "\",\"variant\":\"" + variant
        + "\",\"prediction\":{\"label\":\"safe\",\"probabilities\":{\"safe\":0.8,\"unsafe\":0.2}}}";

    private static List<JsonElement> ReadJsonLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static JsonElement Summary(TempDirectory dir) => JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json"))).RootElement;

    [Fact]
    public async Task Replay_RecordsDated9999And2099_DeadLetteredFutureTimestampAndTheRestCounted()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("in.jsonl"), [
            Record("a", "2026-11-26T16:00:10Z"),
            Record("b", "2026-11-26T16:01:00Z"),
            Record("c", "9999-12-31T23:59:59Z"),
            Record("d", "2099-01-01T00:00:00Z"),
            Record("e", "2026-11-26T16:02:00Z"),
            Record("f", "2026-11-26T16:20:00Z"),
        ]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        var dead = ReadJsonLines(dir.File("out/dead-letter.jsonl"));
        Assert.Equal([(3L, "future_timestamp"), (4L, "future_timestamp")], dead.Select(d => (d.GetProperty("line").GetInt64(), d.GetProperty("reason").GetString()!)));
        var summary = Summary(dir);
        Assert.Equal(2, summary.GetProperty("future_timestamps").GetInt64());
        Assert.Equal(4, summary.GetProperty("accepted").GetInt64());
        Assert.Equal(0, summary.GetProperty("late").GetInt64());
    }

    [Fact]
    public async Task Replay_MaxFutureSkewOption_TightensTheBound()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("in.jsonl"), [Record("a", "2026-11-26T16:00:10Z"), Record("b", "2026-11-26T16:01:00Z"), Record("c", "2026-11-26T16:30:00Z")]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--max-future-skew", "10m", "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        Assert.Equal(1, Summary(dir).GetProperty("future_timestamps").GetInt64());
    }

    [Theory]
    [InlineData("five minutes")]
    [InlineData("-5m")]
    public async Task Replay_InvalidMaxFutureSkew_Exit2NamingTheOption(string value)
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("in.jsonl"), [Record("a", "2026-11-26T16:00:10Z")]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--max-future-skew", value, "--out", dir.File("out"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.StartsWith("error: --max-future-skew: ", error, StringComparison.Ordinal);
    }

    private static byte[] Gzip(int records)
    {
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var i = 0; i < records; i++)
            {
                gz.Write(Encoding.UTF8.GetBytes(Record("e-" + i.ToString(CultureInfo.InvariantCulture), "2026-11-26T16:00:00Z") + "\n"));
            }
        }

        return memory.ToArray();
    }

    [Fact]
    public async Task Replay_TruncatedGzip_Exit1SayingHowManyRecordsWereRead()
    {
        using var dir = new TempDirectory();
        var whole = Gzip(2_000);
        File.WriteAllBytes(dir.File("in.jsonl.gz"), whole[..(whole.Length / 2)]);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl.gz"), "--out", dir.File("out"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
        Assert.Matches(@"; [0-9,]+ records were read before it", error);
        Assert.False(File.Exists(dir.File("out/summary.json")));
    }

    [Fact]
    public async Task Replay_CorruptGzip_Exit1()
    {
        using var dir = new TempDirectory();
        var bytes = Gzip(2_000);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(dir.File("in.jsonl.gz"), bytes);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl.gz"), "--out", dir.File("out"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("records were read before it", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WholeGzip_ReadsEveryRecord()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("in.jsonl.gz"), Gzip(2_000));

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl.gz"), "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        Assert.Equal(2_000, Summary(dir).GetProperty("records_read").GetInt64());
    }

    [Fact]
    public async Task Replay_Utf8BomAtTheStart_FirstRecordIsCounted()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.jsonl"), Record("a", "2026-11-26T16:00:10Z") + "\n" + Record("b", "2026-11-26T16:00:20Z") + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        Assert.Equal(0, Summary(dir).GetProperty("dead_lettered").GetInt64());
        Assert.Equal(2, Summary(dir).GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Replay_ManyModelNames_ModelsPastTheCapDeadLetteredTooManyModels()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("config.yaml"), "max_models: 2\n");
        File.WriteAllLines(dir.File("in.jsonl"), Enumerable.Range(0, 5).Select(i => Record("e" + i.ToString(CultureInfo.InvariantCulture), "2026-11-26T16:00:1" + i.ToString(CultureInfo.InvariantCulture) + "Z", model: "m" + i.ToString(CultureInfo.InvariantCulture))));

        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--config", dir.File("config.yaml"), "--out", dir.File("out"));

        Assert.True(exit == 0, error);
        var summary = Summary(dir);
        Assert.Equal(3, summary.GetProperty("model_overflow").GetInt64());
        Assert.Equal(3, summary.GetProperty("dead_lettered_by_reason").GetProperty("too_many_models").GetInt64());
    }

    [Theory]
    [InlineData("stats", "drift", "--bins", "2000000000")]
    [InlineData("stats", "drift", "--bins", "0")]
    [InlineData("stats", "calibration", "--bins", "2000000000")]
    public async Task Stats_BinsOutOfBounds_Exit2NamingTheOption(string verb, string sub, string option, string value)
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("a.txt"), ["1", "2", "3"]);
        File.WriteAllLines(dir.File("p.csv"), ["probability,label", "0.5,1"]);
        string[] files = sub == "drift" ? ["--reference", dir.File("a.txt"), "--current", dir.File("a.txt")] : ["--input", dir.File("p.csv")];

        var (exit, _, error) = await CliRunner.RunAsync([verb, sub, .. files, option, value]);

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.StartsWith("error: --bins must be between 1 and 10,000, got ", error, StringComparison.Ordinal);
    }
}
