using System.Net;
using System.Text.Json;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace CompressionSafety.Worker.Tests.Reporting;

public sealed class ReportHealthTests
{
    [Fact]
    public async Task Health_MissingArchiveRun_ShownButStillReady()
    {
        var time = new Worker.ManualTimeProvider();
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var reports = new ReportMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        reports.Count(ReportOutcome.MissingArchive);
        reports.Count(ReportOutcome.CaughtUp);
        var health = new WorkerHealth(time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions()));
        health.Assigned(1);
        health.Polled(gotRecord: true);
        using var http = new HttpClient();
        var surface = await Worker.HttpSurface.StartAsync(health, services => services.AddSingleton(reports));

        var (status, body) = await GetAsync(http, new Uri(surface.Prefix + "health/ready"));
        await surface.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 0, 1, 0), (body.GetProperty("reports_missing_archive").GetInt32(), body.GetProperty("reports_written").GetInt32(), body.GetProperty("reports_caught_up").GetInt32(), body.GetProperty("reports_failed").GetInt32()));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
