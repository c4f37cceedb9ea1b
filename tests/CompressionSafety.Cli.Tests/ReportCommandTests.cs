namespace CompressionSafety.Cli.Tests;

public sealed class ReportCommandTests
{
    private const string Window =
        "{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"all\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:00:00.000Z\"," +
        "\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":10,\"metrics\":{\"flagged_count\":10,\"flagged_rate\":0.1},\"reference\":{},\"histograms\":{}}\n";

    [Fact]
    public async Task Report_WindowsFolder_WritesThreeFilesAndExits0()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("windows.jsonl"), Window);
        await File.WriteAllTextAsync(dir.File("incidents.jsonl"), "");

        var (exit, output, error) = await CliRunner.RunAsync(
            "report", "--windows", dir.Path, "--out", dir.File("out"), "--generated-at", "2026-11-27T00:00:00Z");

        Assert.Equal((0, ""), (exit, error));
        Assert.StartsWith("report: 0 variants, 0 incidents, 1 windows", output, StringComparison.Ordinal);
        Assert.All(new[] { "report.json", "report.md", "report.html" }, name => Assert.True(File.Exists(dir.File("out/" + name)), name));
        Assert.Contains("\"name\": \"incidents.jsonl\"", await File.ReadAllTextAsync(dir.File("out/report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MissingWindowsFile_Exits1WithReason()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await CliRunner.RunAsync("report", "--windows", dir.File("nope.jsonl"), "--out", dir.File("out"));

        Assert.Equal(1, exit);
        Assert.StartsWith("report: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_FromNotBeforeTo_Exit2()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("windows.jsonl"), string.Empty);

        var (exit, _, error) = await CliRunner.RunAsync("report", "--windows", dir.File("windows.jsonl"), "--out", dir.File("out"), "--from", "2026-11-27T00:00:00Z", "--to", "2026-11-26T00:00:00Z");

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains("is not before --to", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
