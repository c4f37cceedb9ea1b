using System.Text;
using System.Text.Json;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Reproducibility;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Files;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Archive;
using CompressionSafety.Worker.Tests.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Archive;

public sealed class WindowArchiveTests : IDisposable
{
    private static readonly RunIdentity Identity = new("aa", "worker", "aa", null);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cs-archive-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _time.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Append_StreamAcrossMidnight_FiledByEventDayInWindowsAndIncidentsFormat()
    {
        var (windows, incidents) = RunEngine();
        Assert.Contains(windows, w => w.WindowStart.Day == 26);
        Assert.Contains(windows, w => w.WindowStart.Day == 27);
        Assert.NotEmpty(incidents);

        using (var archive = Create(retentionDays: null))
        {
            foreach (var window in windows)
            {
                archive.Append(window);
            }

            foreach (var incident in incidents)
            {
                archive.Append(incident);
            }

            archive.Flush();
        }

        foreach (var day in new[] { new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27) })
        {
            Assert.Equal(
                windows.Where(w => DateOnly.FromDateTime(w.WindowStart.UtcDateTime) == day).Select(w => Encoding.UTF8.GetString(JsonBytes.Of(j => WindowResultJson.Write(j, w)))),
                Lines(ArchiveFiles.Windows(day)));
            Assert.Equal(
                incidents.Where(i => DateOnly.FromDateTime(i.WindowStart.UtcDateTime) == day).Select(i => Encoding.UTF8.GetString(JsonBytes.Of(j => IncidentJson.Write(j, i)))),
                Lines(ArchiveFiles.Incidents(day)));
        }
    }

    [Fact]
    public void Flush_RetentionSevenDays_DeletesOlderDayFilesOnly()
    {
        Directory.CreateDirectory(_directory);
        string[] old = ["windows-2026-11-19.jsonl", "incidents-2026-11-01.jsonl", "run-2026-11-19.json"];
        string[] kept = ["windows-2026-11-20.jsonl", "incidents-2026-11-27.jsonl", "run-2026-11-20.json", "notes.txt", "windows-latest.jsonl"];
        foreach (var name in old.Concat(kept))
        {
            File.WriteAllText(Path.Combine(_directory, name), "{}\n");
        }

        using var archive = Create(retentionDays: 7);
        archive.Flush();

        Assert.All(old, name => Assert.False(File.Exists(Path.Combine(_directory, name)), name));
        Assert.All(kept, name => Assert.True(File.Exists(Path.Combine(_directory, name)), name));
    }

    [Fact]
    public void Flush_NextDay_SweepsAgainWithTheInjectedClock()
    {
        using var archive = Create(retentionDays: 1);
        archive.Flush();
        File.WriteAllText(Path.Combine(_directory, "windows-2026-11-26.jsonl"), "{}\n");
        archive.Flush();
        Assert.True(File.Exists(Path.Combine(_directory, "windows-2026-11-26.jsonl")));

        _time.Advance(TimeSpan.FromDays(1));
        archive.Flush();

        Assert.False(File.Exists(Path.Combine(_directory, "windows-2026-11-26.jsonl")));
    }

    [Fact]
    public void Append_SettingsChangeWithinADay_RunFileSaysMixedForWhatDiffers()
    {
        var (windows, _) = RunEngine();
        var window = windows[0];
        var day = ArchiveFiles.DayOf(window.WindowStart);
        using (var first = Create(retentionDays: null))
        {
            first.Append(window);
        }

        Assert.Equal(("aa", JsonValueKind.Null), RunFile(day, r => (r.GetProperty("config_sha256").GetString(), r.GetProperty("rules_sha256").ValueKind)));
        using (var second = new WindowArchive(new ArchiveOptions { Directory = _directory }, Identity with { RulesSha256 = "r1" }, "v", _time, NullLogger.Instance))
        {
            second.Append(window);
        }

        Assert.Equal(("aa", "mixed"), RunFile(day, r => (r.GetProperty("config_sha256").GetString(), r.GetProperty("rules_sha256").GetString())));
    }

    [Fact]
    public void Validator_RetentionZeroAndNoDirectory_ListsBoth()
    {
        var result = new ArchiveOptionsValidator().Validate(null, new ArchiveOptions { RetentionDays = 0 });

        Assert.True(result.Failed);
        Assert.Contains("RetentionDays", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Archive:Directory", result.FailureMessage, StringComparison.Ordinal);
    }

    private WindowArchive Create(int? retentionDays) =>
        new(new ArchiveOptions { Directory = _directory, RetentionDays = retentionDays }, Identity, "v", _time, NullLogger.Instance);

    private List<string> Lines(string name) =>
        File.Exists(Path.Combine(_directory, name)) ? File.ReadAllLines(Path.Combine(_directory, name)).ToList() : [];

    private T RunFile<T>(DateOnly day, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_directory, ArchiveFiles.Run(day))));
        return read(document.RootElement);
    }

    /// <summary>Two hours around midnight with a flagged-rate degradation after it, judged by the repository's rules.</summary>
    private static (List<WindowResult> Windows, List<Incident> Incidents) RunEngine()
    {
        var options = new EngineOptions();
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules")), options, ParserOptions.Default, output);
        foreach (var line in StreamGenerator.Generate(new GeneratorOptions
        {
            Records = 8000,
            Start = new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(2),
            Seed = 11,
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3")],
        }))
        {
            pipeline.Process(line.Utf8.Span, 0);
        }

        return ([.. output.Windows], [.. output.Incidents]);
    }
}
