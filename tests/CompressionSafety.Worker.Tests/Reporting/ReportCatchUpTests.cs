using System.Globalization;
using System.Text.Json;
using CompressionSafety.Worker.Reporting;
using CompressionSafety.Worker.Tests.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Reporting;

/// <summary>Reports of periods whose scheduled run was missed are written on start and at later runs (docs/worker.md, "Section Reports").</summary>
public sealed class ReportCatchUpTests : IDisposable
{
    /// <summary>Started at 10:00 on the 27th: the runs of the 24th, 25th and 26th (each at 00:15 the next day) were missed.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cs-catchup-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(Start);
    private readonly List<ReportRun> _runs = [];
    private readonly SemaphoreSlim _completed = new(0);

    public void Dispose()
    {
        _time.Dispose();
        _completed.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Execute_DownForThreeDays_WritesTheThreeMissingReportsOnceOldestFirst()
    {
        WriteDays(23, 24, 25, 26, 27);
        Directory.CreateDirectory(Folder(23));
        using var services = Services(catchUpPeriods: 7);
        using var service = Create(services);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        Assert.Equal([Folder(24), Folder(25), Folder(26)], Runs().Select(r => r.Directory));
        Assert.All(Runs(), r => Assert.Equal(ReportOutcome.CaughtUp, r.Outcome));
        _time.Advance(new DateTimeOffset(2026, 11, 28, 0, 15, 0, TimeSpan.Zero) - Start);
        // The next delay is armed only after the 28th's run and its catch-up pass are done.
        Assert.True(await _time.WaitForTimerAsync());
        await service.StopAsync(CancellationToken.None);

        var metrics = services.GetRequiredService<ReportMetrics>();
        Assert.Equal((3L, 1L, 0L, 0L), (metrics.CaughtUp, metrics.Written, metrics.MissingArchive, metrics.Failed));
        Assert.Equal(ReportOutcome.Written, Runs()[^1].Outcome);
        Assert.Equal(Folder(27), Runs()[^1].Directory);
        Assert.Equal("2026-11-27T10:00:00.000Z", await GeneratedAt(24));
        Assert.Equal("2026-11-28T00:15:00.000Z", await GeneratedAt(27));
        Assert.Equal(1, await WindowsUsed(25));
    }

    [Fact]
    public async Task Execute_FolderAlreadyThere_LeftUntouched()
    {
        WriteDays(26);
        Directory.CreateDirectory(Folder(26));
        var marker = Path.Combine(Folder(26), "report.json");
        await File.WriteAllTextAsync(marker, "{\"written\":\"by an earlier run\"}");
        using var services = Services(catchUpPeriods: 7);
        using var service = Create(services);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(Runs());
        Assert.Equal("{\"written\":\"by an earlier run\"}", await File.ReadAllTextAsync(marker));
        Assert.Single(Directory.EnumerateFileSystemEntries(Folder(26)));
        Assert.Equal(0, services.GetRequiredService<ReportMetrics>().CaughtUp);
    }

    [Fact]
    public async Task Execute_PeriodWithoutArchiveDay_SkippedWithoutWarningCount()
    {
        WriteDays(24, 26);
        using var services = Services(catchUpPeriods: 7);
        using var service = Create(services);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([Folder(24), Folder(26)], Runs().Select(r => r.Directory));
        Assert.False(Directory.Exists(Folder(25)));
        Assert.Equal((2L, 0L), (services.GetRequiredService<ReportMetrics>().CaughtUp, services.GetRequiredService<ReportMetrics>().MissingArchive));
    }

    [Fact]
    public async Task Execute_LookBackOfTwoPeriods_OlderMissedPeriodsStayUnwritten()
    {
        WriteDays(22, 23, 24, 25, 26);
        using var services = Services(catchUpPeriods: 2);
        using var service = Create(services);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([Folder(25), Folder(26)], Runs().Select(r => r.Directory));
        Assert.Equal(["20261125T000000Z_20261126T000000Z", "20261126T000000Z_20261127T000000Z"], ReportFolders());
    }

    [Fact]
    public async Task Execute_CatchUpDisabled_WritesNothingOnStart()
    {
        WriteDays(25, 26);
        using var services = Services(catchUpPeriods: 0);
        using var service = Create(services);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(Runs());
        Assert.Empty(ReportFolders());
    }

    [Fact]
    public async Task Execute_ScheduledRunAfterAMissedOne_CatchesUpTheOlderPeriodFirst()
    {
        // Started at 00:10 on the 27th with the 26th's data: its run at 00:15 is ahead, so it is scheduled, not caught up;
        // the 25th (run missed at 00:15 on the 26th) arrives in the archive only later and is caught up at that run.
        _time.Advance(new DateTimeOffset(2026, 11, 27, 0, 10, 0, TimeSpan.Zero) - Start);
        WriteDays(26);
        using var services = Services(catchUpPeriods: 7);
        using var service = Create(services);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        Assert.Empty(Runs());
        WriteDays(25);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await _completed.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await _completed.WaitAsync(TimeSpan.FromSeconds(30)));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([(ReportOutcome.CaughtUp, Folder(25)), (ReportOutcome.Written, Folder(26))], Runs().Select(r => (r.Outcome, r.Directory)));
        Assert.Equal("2026-11-27T00:15:00.000Z", await GeneratedAt(25));
    }

    private string Archive => Path.Combine(_directory, "archive");

    private string Reports => Path.Combine(_directory, "reports");

    private static string Window(int day) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"all\",\"kind\":\"traffic\",\"window_start\":\"2026-11-{day:00}T06:00:00.000Z\",\"window_end\":\"2026-11-{day:00}T06:05:00.000Z\",\"count\":10,\"metrics\":{{\"flagged_count\":1,\"flagged_rate\":0.1}},\"reference\":{{}},\"histograms\":{{}}}}\n");

    private string Folder(int day) => Path.Combine(Reports, string.Create(CultureInfo.InvariantCulture, $"202611{day:00}T000000Z_202611{day + 1:00}T000000Z"));

    private void WriteDays(params int[] days)
    {
        Directory.CreateDirectory(Archive);
        foreach (var day in days)
        {
            File.WriteAllText(Path.Combine(Archive, string.Create(CultureInfo.InvariantCulture, $"windows-2026-11-{day:00}.jsonl")), Window(day));
        }
    }

    private List<ReportRun> Runs()
    {
        lock (_runs)
        {
            return [.. _runs];
        }
    }

    private List<string> ReportFolders() =>
        Directory.Exists(Reports) ? [.. Directory.EnumerateDirectories(Reports).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)] : [];

    private async Task<string?> GeneratedAt(int day)
    {
        using var report = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Folder(day), "report.json")));
        return report.RootElement.GetProperty("generated_at").GetString();
    }

    private async Task<long> WindowsUsed(int day)
    {
        using var report = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Folder(day), "report.json")));
        return report.RootElement.GetProperty("manifest").GetProperty("windows_used").GetInt64();
    }

    private ServiceProvider Services(int catchUpPeriods)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Directory"] = Archive,
            ["Reports:OutputDirectory"] = Reports,
            ["Reports:CatchUpPeriods"] = catchUpPeriods.ToString(CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).AddScheduledReports(configuration).BuildServiceProvider();
    }

    private ReportService Create(ServiceProvider services) =>
        new(
            services.GetRequiredService<ReportRunner>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>(),
            _time,
            NullLogger<ReportService>.Instance)
        {
            RunCompleted = run =>
            {
                lock (_runs)
                {
                    _runs.Add(run);
                }

                _completed.Release();
            },
        };
}
