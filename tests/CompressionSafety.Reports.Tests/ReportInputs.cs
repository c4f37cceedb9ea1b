using System.Globalization;

namespace CompressionSafety.Reports.Tests;

/// <summary>Writes small, hand-countable windows.jsonl and incidents.jsonl files into a fresh temp folder.</summary>
internal sealed class ReportInputs : IDisposable
{
    public ReportInputs()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cs-report-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        WindowsFile = Path.Combine(Directory, "windows.jsonl");
        IncidentsFile = Path.Combine(Directory, "incidents.jsonl");

        // Two windows: baseline fp32 flags 10/100 then 20/100; variant int8 flags 15/100 then 30/100 (plus slice locale=de).
        string[] windows =
        [
            Window("fp32", "all", 0, 0.10, 100, baseline: false),
            Window("int8", "all", 0, 0.15, 100, baseline: true),
            Window("fp32", "locale=de", 0, 0.25, 40, baseline: false),
            Window("int8", "locale=de", 0, 0.50, 40, baseline: true),
            Window("fp32", "all", 5, 0.20, 100, baseline: false),
            Window("int8", "all", 5, 0.30, 100, baseline: true),
        ];
        File.WriteAllText(WindowsFile, string.Join('\n', windows) + "\n");
        string[] incidents =
        [
            Incident("firing", "2026-11-26T00:05:00.000Z"),
            Incident("resolved", "2026-11-26T00:10:00.000Z"),
        ];
        File.WriteAllText(IncidentsFile, string.Join('\n', incidents) + "\n");
    }

    public string Directory { get; }

    public string WindowsFile { get; }

    public string IncidentsFile { get; }

    public ReportRequest Request() => new(
        [WindowsFile], IncidentsFile, null, null, null, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), "test-version");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string Window(string variant, string slice, int minute, double rate, int n, bool baseline) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"model\":\"m\",\"variant\":\"{variant}\",\"slice\":\"{slice}\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:{minute:00}:00.000Z\",\"window_end\":\"2026-11-26T00:{minute + 5:00}:00.000Z\",\"count\":{n},\"metrics\":{{\"count\":{n},\"flagged_count\":{n},\"flagged_rate\":{rate},\"flagged_rate_high\":{rate + 0.05},\"flagged_rate_low\":{rate - 0.05}}},\"reference\":{(baseline ? "{\"baseline\":{\"baseline_count\":100}}" : "{}")},\"histograms\":{{}}}}");

    private static string Incident(string status, string windowEnd) =>
        "{\"id\":\"abc123\",\"rule\":\"flagged-up\",\"severity\":\"warning\",\"gate\":\"needs-validation\",\"status\":\"" + status +
        "\",\"model\":\"m\",\"variant\":\"int8\",\"slice\":\"all\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"" + windowEnd +
        "\",\"firing_since\":\"2026-11-26T00:00:00.000Z\",\"evidence\":{\"metric\":\"flagged_rate_diff_low\",\"value\":0.02}}";
}
