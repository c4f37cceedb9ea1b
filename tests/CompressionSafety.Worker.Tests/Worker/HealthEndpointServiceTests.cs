using CompressionSafety.Testing;
using System.Net;
using System.Text.Json;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class HealthEndpointServiceTests : IAsyncLifetime, IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly WorkerHealth _health;
    private readonly HealthEndpointService _service;
    private readonly HttpClient _http = new();
    private readonly string _prefix;

    public HealthEndpointServiceTests()
    {
        _health = new WorkerHealth(_time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions { MaxPollAge = TimeSpan.FromSeconds(10) }));
        _prefix = $"http://127.0.0.1:{LocalHttp.FreePort()}/";
        _service = new HealthEndpointService(
            Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = _prefix }),
            _health,
            NullLogger<HealthEndpointService>.Instance);
    }

    public Task InitializeAsync() => _service.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _service.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _service.Dispose();
        _http.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        // The listener starts on a background thread: retry briefly until it answers.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(_prefix + path));
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                return (response.StatusCode, body);
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Ready_PartitionsAssignedAndPolling_200()
    {
        _health.Assigned(2);
        _health.Polled(gotRecord: true);
        _health.Handled();

        var (status, body) = await Get("health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("assigned_partitions").GetInt32());
        Assert.Equal(1, body.GetProperty("records_handled").GetInt64());
    }

    [Fact]
    public async Task LiveAndReady_BrokersDownThenUpWithoutRecords_ReadyAgain()
    {
        _health.Assigned(1);
        _health.Polled(gotRecord: false);
        _health.ClientError("1/1 brokers are down");
        _health.BrokersReported(anyUp: false);
        Assert.Equal(HttpStatusCode.OK, (await Get("health/live")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Get("health/ready")).Status);

        _health.BrokersReported(anyUp: true);

        Assert.Equal(HttpStatusCode.OK, (await Get("health/ready")).Status);
    }

    [Fact]
    public async Task LiveAndReady_NoPartitions_LiveButNotReady()
    {
        _health.Polled(gotRecord: false);

        Assert.Equal(HttpStatusCode.OK, (await Get("health/live")).Status);
        var (status, body) = await Get("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_Fatal_503WithReason()
    {
        _health.Assigned(1);
        _health.Polled(gotRecord: true);
        _health.Fatal("broker authentication failed");

        var (status, body) = await Get("health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("broker authentication failed", body.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }
}
