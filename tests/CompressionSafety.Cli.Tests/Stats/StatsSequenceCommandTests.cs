using CompressionSafety.Statistics;

namespace CompressionSafety.Cli.Tests.Stats;

public sealed class StatsSequenceCommandTests : IDisposable
{
    private const string Rates = "variant_successes,variant_trials,baseline_successes,baseline_trials\n";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Sequence_ConfidenceSequence_PrintsTheRunningIntervalPerWindow()
    {
        var path = _files.Write("w.csv", Rates + "120,1000,100,1000\n130,1000,95,1000\n0,0,5,10\n");
        var expected = new DifferenceConfidenceSequence(0.05, 10_000);

        var run = CliRun.Invoke("stats", "sequence", "--method", "confidence-sequence", "--input", path);

        Assert.Equal(0, run.ExitCode);
        var windows = run.Json().GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(3, windows.Count);
        foreach (var (window, row) in windows.Zip(new[] { (120L, 1000L, 100L, 1000L), (130, 1000, 95, 1000), (0, 0, 5, 10) }))
        {
            var interval = expected.Update(row.Item1, row.Item2, row.Item3, row.Item4);
            Assert.Equal(interval.Low, window.GetProperty("low").GetDouble(), 12);
            Assert.Equal(interval.High, window.GetProperty("high").GetDouble(), 12);
            Assert.Equal(expected.Estimate, window.GetProperty("estimate").GetDouble(), 12);
        }

        Assert.Equal(expected.Rho, run.Json().GetProperty("parameters").GetProperty("rho").GetDouble(), 12);
    }

    [Fact]
    public void Sequence_RateCusum_PrintsStatisticAndAlarmsAtThreshold()
    {
        // 12% -> 7% at 1,500 a side: about 11 per window, so h = 17 is reached in the second window.
        var path = _files.Write("w.csv", Rates + "180,1500,180,1500\n105,1500,180,1500\n105,1500,180,1500\n0,0,1,2\n");

        var run = CliRun.Invoke("stats", "sequence", "--method", "rate-cusum", "--input", path, "--odds-ratio", "0.5");

        Assert.Equal(0, run.ExitCode);
        var root = run.Json();
        var windows = root.GetProperty("windows").EnumerateArray().ToList();
        var cusum = new RateChangeCusum(0.5);
        Assert.Equal(cusum.Update(180, 1500, 180, 1500), windows[0].GetProperty("statistic").GetDouble(), 12);
        Assert.Equal(cusum.Update(105, 1500, 180, 1500), windows[1].GetProperty("statistic").GetDouble(), 12);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, windows[3].GetProperty("llr").ValueKind);
        Assert.Equal([2, 3], root.GetProperty("alarms").EnumerateArray().Select(a => a.GetInt32()));
        Assert.Equal(17, root.GetProperty("parameters").GetProperty("threshold").GetDouble());
    }

    [Fact]
    public void Sequence_DiscordanceCusum_FollowsTheLibrary()
    {
        var path = _files.Write("bc.csv", "b,c\n6,1\n8,0\n0,9\n");
        var cusum = new DiscordanceCusum(0.9);

        var run = CliRun.Invoke("stats", "sequence", "--method", "discordance-cusum", "--input", path, "--threshold", "4");

        Assert.Equal(0, run.ExitCode);
        var statistics = run.Json().GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("statistic").GetDouble()).ToList();
        Assert.Equal([cusum.Update(6, 1), cusum.Update(8, 0), cusum.Update(0, 9)], statistics);
        Assert.Equal([1], run.Json().GetProperty("alarms").EnumerateArray().Select(a => a.GetInt32()));
    }

    [Theory]
    [InlineData("rate-cusum", Rates + "5,4,1,10\n", ":2: expected 4 non-negative integers with each success count at most its trials, found '5,4,1,10'.")]
    [InlineData("discordance-cusum", "b,c\n1,-2\n", ":2: expected 2 non-negative integers, found '1,-2'.")]
    [InlineData("discordance-cusum", "b;c\n1,2\n", ":1: expected the header 'b,c', found 'b;c'.")]
    public void Sequence_BadRow_OneLineErrorWithFileAndLine(string method, string content, string message)
    {
        var path = _files.Write("bad.csv", content);

        var run = CliRun.Invoke("stats", "sequence", "--method", method, "--input", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal($"error: {path}{message}", run.Error.TrimEnd());
    }

    [Fact]
    public void Sequence_OddsRatioOne_RejectedWithTheOptionName()
    {
        var path = _files.Write("w.csv", Rates + "1,10,1,10\n");

        var run = CliRun.Invoke("stats", "sequence", "--method", "rate-cusum", "--input", path, "--odds-ratio", "1");

        // An argument error (exit 2), not bad input (exit 1).
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --odds-ratio: oddsRatio must be positive", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequence_NegativeThreshold_ArgumentErrorBeforeTheInputIsRead()
    {
        // The input file does not exist: an option error must be reported first, with exit 2.
        var run = CliRun.Invoke("stats", "sequence", "--method", "discordance-cusum", "--input", _files.PathOf("missing.csv"), "--threshold", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --threshold -1: must be a positive number.", run.Error, StringComparison.Ordinal);
    }
}
