using System.Globalization;
using CompressionSafety.Worker.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CompressionSafety.Cli.Tests;

/// <summary>The worker's scheduled report and <c>compression-safety report</c> on the same archive write the same bytes.</summary>
public sealed class ScheduledReportTests
{
    private static readonly DateTimeOffset RunTime = new(2026, 11, 27, 0, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_AtScheduledTime_ReportEqualsCliOnTheSameArchive()
    {
        using var dir = new TempDirectory();
        var archive = dir.File("archive");
        WriteArchive(archive);
        using var services = Services(archive, dir.File("reports"));

        var run = services.GetRequiredService<ReportRunner>().Run(RunTime);
        var (exit, _, error) = await CliRunner.RunAsync(
            "report", "--windows", archive, "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-27T00:00:00Z",
            "--generated-at", "2026-11-27T00:15:00Z", "--out", dir.File("cli"));

        Assert.Equal(ToolVersion.Current, ReportRunner.ToolVersion);
        Assert.True(exit == 0, error);
        Assert.Equal(ReportOutcome.Written, run.Outcome);
        Assert.Equal(dir.File("reports/20261126T000000Z_20261127T000000Z"), run.Directory);
        foreach (var name in new[] { "report.json", "report.md", "report.html" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(dir.File("cli/" + name)), await File.ReadAllBytesAsync(Path.Combine(run.Directory, name)));
        }
    }

    [Fact]
    public async Task Run_Archive_ReadsPeriodDaysAndEarlierIncidentsAndDropsReplayedDuplicates()
    {
        using var dir = new TempDirectory();
        var archive = dir.File("archive");
        WriteArchive(archive);
        using var services = Services(archive, dir.File("reports"));

        var run = services.GetRequiredService<ReportRunner>().Run(RunTime);
        var json = await File.ReadAllTextAsync(Path.Combine(run.Directory, "report.json"));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        var manifest = root.GetProperty("manifest");

        // Four distinct windows of 2026-11-26 (one appended twice after a simulated crash), none of the 27th.
        Assert.Equal(4, manifest.GetProperty("windows_used").GetInt64());
        Assert.Equal("2026-11-27T00:15:00.000Z", root.GetProperty("generated_at").GetString());
        Assert.Equal(
            ["windows-2026-11-26.jsonl", "incidents-2026-11-25.jsonl", "incidents-2026-11-26.jsonl", "run-2026-11-26.json"],
            manifest.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        // Fired on the 25th, resolved on the 26th: one incident of the period.
        var incident = Assert.Single(root.GetProperty("incidents").EnumerateArray());
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
        Assert.Equal("c0ffee", manifest.GetProperty("config_sha256").GetString());
        Assert.Equal("none", manifest.GetProperty("rules_sha256").GetString());
        Assert.Equal("unknown", manifest.GetProperty("generator_seed").GetString());
    }

    [Fact]
    public void Run_NoArchiveFileForThePeriod_MissingArchiveCountedNothingWritten()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("archive"));
        using var services = Services(dir.File("archive"), dir.File("reports"));

        var run = services.GetRequiredService<ReportRunner>().Run(RunTime);

        Assert.Equal(ReportOutcome.MissingArchive, run.Outcome);
        Assert.Equal(1, services.GetRequiredService<ReportMetrics>().MissingArchive);
        Assert.False(Directory.Exists(run.Directory));
    }

    private static ServiceProvider Services(string archive, string reports)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Directory"] = archive,
            ["Reports:OutputDirectory"] = reports,
        }).Build();
        return new ServiceCollection().AddLogging().AddScheduledReports(configuration).BuildServiceProvider();
    }

    private static void WriteArchive(string archive)
    {
        Directory.CreateDirectory(archive);
        string[] day26 =
        [
            Window("fp32", "2026-11-26T10:00:00.000Z", "2026-11-26T10:05:00.000Z", 0.10, baseline: false),
            Window("int8", "2026-11-26T10:00:00.000Z", "2026-11-26T10:05:00.000Z", 0.20, baseline: true),
            Window("fp32", "2026-11-26T23:55:00.000Z", "2026-11-27T00:00:00.000Z", 0.10, baseline: false),
            Window("int8", "2026-11-26T23:55:00.000Z", "2026-11-27T00:00:00.000Z", 0.30, baseline: true),
            // Replayed after a crash: the same window again.
            Window("int8", "2026-11-26T10:00:00.000Z", "2026-11-26T10:05:00.000Z", 0.20, baseline: true),
        ];
        File.WriteAllText(Path.Combine(archive, "windows-2026-11-26.jsonl"), string.Join('\n', day26) + "\n");
        File.WriteAllText(
            Path.Combine(archive, "windows-2026-11-27.jsonl"),
            Window("int8", "2026-11-27T00:00:00.000Z", "2026-11-27T00:05:00.000Z", 0.9, baseline: true) + "\n");
        File.WriteAllText(Path.Combine(archive, "incidents-2026-11-25.jsonl"), Incident("firing", "2026-11-25T23:55:00.000Z", "2026-11-26T00:00:00.000Z") + "\n");
        File.WriteAllText(Path.Combine(archive, "incidents-2026-11-26.jsonl"), Incident("resolved", "2026-11-26T10:00:00.000Z", "2026-11-26T10:05:00.000Z") + "\n");
        File.WriteAllText(Path.Combine(archive, "incidents-2026-11-27.jsonl"), Incident("firing", "2026-11-27T00:00:00.000Z", "2026-11-27T00:05:00.000Z") + "\n");
        File.WriteAllText(
            Path.Combine(archive, "run-2026-11-26.json"),
            "{\"source\":\"worker\",\"config_sha256\":\"c0ffee\",\"config_source\":\"worker\",\"effective_config_sha256\":\"c0ffee\",\"rules_sha256\":null}\n");
    }

    private static string Window(string variant, string start, string end, double rate, bool baseline) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"model\":\"m\",\"variant\":\"{variant}\",\"slice\":\"all\",\"kind\":\"traffic\",\"window_start\":\"{start}\",\"window_end\":\"{end}\",\"count\":100,\"metrics\":{{\"count\":100,\"flagged_count\":100,\"flagged_rate\":{rate},\"flagged_rate_high\":{rate + 0.05},\"flagged_rate_low\":{rate - 0.05}}},\"reference\":{(baseline ? "{\"baseline\":{\"baseline_count\":100}}" : "{}")},\"histograms\":{{}}}}");

    private static string Incident(string status, string windowStart, string windowEnd) =>
        "{\"id\":\"abc123\",\"rule\":\"flagged-up\",\"severity\":\"warning\",\"gate\":\"needs-validation\",\"status\":\"" + status +
        "\",\"model\":\"m\",\"variant\":\"int8\",\"slice\":\"all\",\"window_start\":\"" + windowStart + "\",\"window_end\":\"" + windowEnd +
        "\",\"firing_since\":\"2026-11-25T23:55:00.000Z\",\"evidence\":{\"metric\":\"flagged_rate_diff_low\",\"value\":0.02}}";
}
