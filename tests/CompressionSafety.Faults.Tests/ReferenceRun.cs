using System.Text;
using System.Text.Json;
using CompressionSafety.Testing;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// The stream every fault test produces and what <c>compression-safety replay</c> makes of it: both made once by the
/// real CLI as processes (<c>generate</c>, then <c>replay</c> with the shipped alert rules), seed fixed.
/// </summary>
/// <remarks>
/// A worker never reaches an end of input, while replay flushes every open window when its file ends. The stream
/// therefore ends with one sentinel prediction two hours after the last record: it closes every earlier window
/// (labelled ones included, past the label horizon) in both, and only the sentinel's own window is left to
/// replay's final flush. That window is left out of the expected results.
/// </remarks>
public sealed class ReferenceRun : IDisposable
{
    /// <summary>
    /// Shorter than the default hour, so that without a state changelog the committed offset moves during the stream
    /// and a restart replays records of windows that already closed (the partial windows of issue 12).
    /// </summary>
    public const int LabelHorizonMinutes = 10;

    /// <summary>
    /// The future-skew bound in both runs: the sentinels lie 3 h and 5 h after the generated hour, past the default 1 h
    /// bound, which would dead-letter them as <c>future_timestamp</c> and leave every window open in the worker.
    /// </summary>
    public const int MaxFutureSkewHours = 6;

    /// <summary>The sentinel's window start: 04:00, long after the generated hour and its label horizon.</summary>
    public static readonly DateTimeOffset SentinelWindow = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    public ReferenceRun()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("faults-reference-").FullName;
        StreamFile = Path.Combine(Directory, "stream.jsonl");
        Cli("generate", "--out", StreamFile, "--records", "6000", "--seed", "12", "--duration", "1h",
            "--degrade", "variant=int8-dynamic,kind=flagged-rate,start=20m,size=0.4",
            "--degrade", "variant=pruned-50,kind=refusal,start=15m,size=0.4");
        var generated = File.ReadAllLines(StreamFile);
        File.AppendAllText(StreamFile, Sentinel(generated, "e-sentinel-1", SentinelWindow) + "\n");
        var replay = Path.Combine(Directory, "replay");
        var config = Path.Combine(Directory, "engine.yaml");
        File.WriteAllText(config, $"label_horizon: {LabelHorizonMinutes}m\nmax_future_skew: {MaxFutureSkewHours}h\n");
        Cli("replay", "--input", StreamFile, "--config", config, "--rules", RepositoryRoot.Combine("alert-rules"), "--out", replay);

        Lines = [.. File.ReadAllLines(StreamFile).Select(Encoding.UTF8.GetBytes)];
        var windows = File.ReadAllLines(Path.Combine(replay, "windows.jsonl"));
        Windows = [.. windows.Where(l => !IsSentinelWindow(l))];
        SentinelWindows = [.. windows.Where(IsSentinelWindow)];
        Incidents = [.. File.ReadAllLines(Path.Combine(replay, "incidents.jsonl")).Where(l => !IsSentinelWindow(l))];
        var sentinelTime = " " + (SentinelWindow.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        MetricLines = [.. File.ReadAllLines(Path.Combine(replay, "metrics.lp")).Where(l => WindowMetrics.IsWindowLine(l) && !l.EndsWith(sentinelTime, StringComparison.Ordinal))];
        DeadLetters = File.ReadAllLines(Path.Combine(replay, "dead-letter.jsonl")).Length;
        SecondSentinel = Encoding.UTF8.GetBytes(Sentinel(generated, "e-sentinel-2", SentinelWindow.AddHours(2)));
        Assert.NotEmpty(Incidents);
        Assert.True(DeadLetters > 0, "the stream should carry invalid and late records");
    }

    public string Directory { get; }

    public string StreamFile { get; }

    /// <summary>Every line of the stream, sentinel last, as sent to the input topic.</summary>
    public IReadOnlyList<byte[]> Lines { get; }

    /// <summary>replay's windows.jsonl lines, in order, the sentinel's window left out.</summary>
    public IReadOnlyList<string> Windows { get; }

    /// <summary>replay's windows of the sentinel's own window (closed by its final flush).</summary>
    public IReadOnlyList<string> SentinelWindows { get; }

    /// <summary>replay's incidents.jsonl lines, in order.</summary>
    public IReadOnlyList<string> Incidents { get; }

    /// <summary>replay's metrics.lp window lines (not its incident points), the sentinel's window left out.</summary>
    public IReadOnlyList<string> MetricLines { get; }

    /// <summary>What the incident topic carries for <see cref="Incidents"/>: each line keyed by its incident id.</summary>
    public IReadOnlyList<string> IncidentRecords => [.. Incidents.Select(line =>
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("id").GetString() + " " + line;
    })];

    /// <summary>How many lines replay dead-lettered (invalid and late).</summary>
    public int DeadLetters { get; }

    /// <summary>A prediction two hours after the sentinel: sent after a restart, it closes the sentinel's window.</summary>
    public byte[] SecondSentinel { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsSentinelWindow(string jsonLine)
    {
        using var document = JsonDocument.Parse(jsonLine);
        return document.RootElement.GetProperty("window_start").GetDateTimeOffset() == SentinelWindow;
    }

    /// <summary>The stream's second line (a valid baseline prediction) with another event id and time.</summary>
    private static string Sentinel(string[] generated, string eventId, DateTimeOffset time)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(generated.First(l => l.Contains("\"variant\":\"baseline\"", StringComparison.Ordinal) && l.Contains("\"prediction\"", StringComparison.Ordinal)))!;
        node["event_id"] = eventId;
        node["timestamp"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    private static void Cli(params string[] arguments)
    {
        using var process = ChildProcess.Start(BuiltTools.Dotnet, [BuiltTools.Cli, .. arguments]);
        Assert.True(process.WaitForExit(Deadline.Patience), $"compression-safety {arguments[0]} did not finish:\n{process.Output()}");
        Assert.True(process.ExitCode == 0, $"compression-safety {arguments[0]} exited {process.ExitCode}:\n{process.Output()}");
    }
}
