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

    /// <summary>Appends one traffic window per slice at minute 0: fp32 flags 10% and int8 <c>rate</c> of 200 records.</summary>
    public void AppendSlices(params (string Slice, double Rate)[] slices)
    {
        var lines = slices.SelectMany(x => new[] { Window("fp32", x.Slice, 0, 0.10, 200, baseline: false), Window("int8", x.Slice, 0, x.Rate, 200, baseline: true) });
        File.AppendAllText(WindowsFile, string.Join('\n', lines) + "\n");
    }

    /// <summary>
    /// Appends labelled windows with 3-bin calibration histograms (fp32 and int8, two windows each). Pooled:
    /// fp32 counts [20, 5, 15], probability sums [2.5, 2.5, 12.5], positives [3, 2, 13], ECE 0.0375;
    /// int8 counts [5, 15, 20], probability sums [0.5, 7, 17], positives [0, 4, 13], ECE 0.1875.
    /// </summary>
    public void AppendLabelledWindows()
    {
        string[] labels =
        [
            Labelled("fp32", 0, [10, 5, 5], [1.0, 2.5, 4.0], [1, 2, 4]),
            Labelled("int8", 0, [5, 5, 10], [0.5, 2.0, 8.0], [0, 1, 6]),
            Labelled("fp32", 5, [10, 0, 10], [1.5, 0, 8.5], [2, 0, 9]),
            Labelled("int8", 5, [0, 10, 10], [0, 5.0, 9.0], [0, 3, 7]),
        ];
        File.AppendAllText(WindowsFile, string.Join('\n', labels) + "\n");
    }

    private static string Labelled(string variant, int minute, long[] counts, double[] sums, long[] positives)
    {
        var c = CultureInfo.InvariantCulture;
        var n = counts.Sum();
        return string.Create(
            c,
            $"{{\"model\":\"m\",\"variant\":\"{variant}\",\"slice\":\"all\",\"kind\":\"labels\",\"window_start\":\"2026-11-26T00:{minute:00}:00.000Z\",\"window_end\":\"2026-11-26T00:{minute + 5:00}:00.000Z\",\"count\":{n},\"metrics\":{{\"calibration_count\":{n},\"labelled_count\":{n}}},\"reference\":{(variant == "fp32" ? "{}" : "{\"baseline\":{}}")},\"histograms\":{{\"reliability\":{{\"edges\":[0,0.3333333333333333,0.6666666666666666,1],\"counts\":[{string.Join(',', counts)}],\"probability_sums\":[{string.Join(',', sums.Select(x => x.ToString(c)))}],\"positives\":[{string.Join(',', positives)}]}}}}}}");
    }

    /// <summary>
    /// A traffic window. Latency (slice all): fp32 (count, p50, p95, p99) (100, 10, 20, 30) then (50, 13, 26, 45);
    /// int8 (100, 8, 16, 24) then (100, 10, 18, 30). PSI against the baseline of int8's all slice: 0.05 then 0.3.
    /// </summary>
    private static string Window(string variant, string slice, int minute, double rate, int n, bool baseline)
    {
        var latency = (variant, minute) switch
        {
            ("fp32", 0) => (Count: 100, P50: 10, P95: 20, P99: 30),
            ("fp32", _) => (Count: 50, P50: 13, P95: 26, P99: 45),
            (_, 0) => (Count: 100, P50: 8, P95: 16, P99: 24),
            _ => (Count: 100, P50: 10, P95: 18, P99: 30),
        };
        var psi = minute == 0 ? "0.05" : "0.3";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"model\":\"m\",\"variant\":\"{variant}\",\"slice\":\"{slice}\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:{minute:00}:00.000Z\",\"window_end\":\"2026-11-26T00:{minute + 5:00}:00.000Z\",\"count\":{n},\"metrics\":{{\"count\":{n},\"flagged_count\":{n},\"flagged_rate\":{rate},\"flagged_rate_high\":{rate + 0.05},\"flagged_rate_low\":{rate - 0.05},\"latency_count\":{latency.Count},\"latency_p50_ms\":{latency.P50},\"latency_p95_ms\":{latency.P95},\"latency_p99_ms\":{latency.P99}}},\"reference\":{(baseline ? "{\"baseline\":{\"baseline_count\":100,\"positive_probability_psi\":" + psi + "}}" : "{}")},\"histograms\":{{}}}}");
    }

    private static string Incident(string status, string windowEnd) =>
        "{\"id\":\"abc123\",\"rule\":\"flagged-up\",\"severity\":\"warning\",\"gate\":\"needs-validation\",\"status\":\"" + status +
        "\",\"model\":\"m\",\"variant\":\"int8\",\"slice\":\"all\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"" + windowEnd +
        "\",\"firing_since\":\"2026-11-26T00:00:00.000Z\",\"evidence\":{\"metric\":\"flagged_rate_diff_low\",\"value\":0.02}}";
}
