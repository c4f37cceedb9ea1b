using System.Net;
using System.Text.Json;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

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
        var prefix = $"http://127.0.0.1:{LocalHttp.FreePort()}/";
        using var service = new HealthEndpointService(
            Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = prefix }), health, NullLogger<HealthEndpointService>.Instance, reports: reports);
        using var http = new HttpClient();
        await service.StartAsync(CancellationToken.None);

        var (status, body) = await GetAsync(http, new Uri(prefix + "health/ready"));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 0, 1, 0), (body.GetProperty("reports_missing_archive").GetInt32(), body.GetProperty("reports_written").GetInt32(), body.GetProperty("reports_caught_up").GetInt32(), body.GetProperty("reports_failed").GetInt32()));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, Uri uri)
    {
        // The listener starts on a background thread: retry briefly until it answers.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(uri);
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return (response.StatusCode, document.RootElement.Clone());
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }
}
