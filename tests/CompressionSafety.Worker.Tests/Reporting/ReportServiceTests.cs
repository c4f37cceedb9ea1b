using System.Text.Json;
using CompressionSafety.Worker.Reporting;
using CompressionSafety.Worker.Tests.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Reporting;

public sealed class ReportServiceTests : IDisposable
{
    private const string Window =
        "{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"all\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T06:00:00.000Z\"," +
        "\"window_end\":\"2026-11-26T06:05:00.000Z\",\"count\":10,\"metrics\":{\"flagged_count\":10,\"flagged_rate\":0.1},\"reference\":{},\"histograms\":{}}\n";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cs-reports-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _time.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Execute_AtQuarterPastMidnight_WritesThePreviousDaysReportPinnedToTheRunTime()
    {
        Directory.CreateDirectory(Archive);
        await File.WriteAllTextAsync(Path.Combine(Archive, "windows-2026-11-26.jsonl"), Window);
        using var services = Services();
        using var runs = new SemaphoreSlim(0);
        using var service = Create(services, runs);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, runs.CurrentCount);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await runs.WaitAsync(TimeSpan.FromSeconds(30)));
        await service.StopAsync(CancellationToken.None);

        var folder = Path.Combine(_directory, "reports", "20261126T000000Z_20261127T000000Z");
        using var report = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "report.json")));
        Assert.Equal("2026-11-27T00:15:00.000Z", report.RootElement.GetProperty("generated_at").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("manifest").GetProperty("windows_used").GetInt64());
        Assert.Equal(1, services.GetRequiredService<ReportMetrics>().Written);
    }

    [Fact]
    public async Task Execute_ArchiveMissing_WarnsCountsAndKeepsTheSchedule()
    {
        using var services = Services();
        using var runs = new SemaphoreSlim(0);
        using var service = Create(services, runs);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await runs.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await _time.WaitForTimerAsync());
        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(await runs.WaitAsync(TimeSpan.FromSeconds(30)));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, services.GetRequiredService<ReportMetrics>().MissingArchive);
        Assert.Equal(0, services.GetRequiredService<ReportMetrics>().Written);
        Assert.NotNull(service.ExecuteTask);
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
        Assert.False(Directory.Exists(Path.Combine(_directory, "reports")));
    }

    [Fact]
    public void AddCompressionSafetyWorker_ReportsWithoutArchive_FailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "localhost:9",
            ["Reports:OutputDirectory"] = Path.Combine(_directory, "reports"),
        });
        builder.AddCompressionSafetyWorker();
        using var host = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>().Value);
        Assert.Contains("Archive:Directory", error.Message, StringComparison.Ordinal);
    }

    private string Archive => Path.Combine(_directory, "archive");

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Directory"] = Archive,
            ["Reports:OutputDirectory"] = Path.Combine(_directory, "reports"),
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).AddScheduledReports(configuration).BuildServiceProvider();
    }

    private ReportService Create(ServiceProvider services, SemaphoreSlim runs) =>
        new(
            services.GetRequiredService<ReportRunner>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>(),
            _time,
            NullLogger<ReportService>.Instance)
        {
            RunCompleted = _ => runs.Release(),
        };
}
