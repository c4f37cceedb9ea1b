using System.Net;
using System.Text.Json;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>The probes on the worker's Kestrel server: <c>MapHealthChecks</c> with the worker's checks and tags.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly WorkerHealth _health;
    private readonly HttpClient _http = new();
    private HttpSurface? _surface;

    public HealthEndpointTests()
    {
        _health = new WorkerHealth(_time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions { MaxPollAge = TimeSpan.FromSeconds(10) }));
    }

    public async Task InitializeAsync() => _surface = await HttpSurface.StartAsync(_health);

    public async Task DisposeAsync() => await _surface!.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        using var response = await _http.GetAsync(new Uri(_surface!.Prefix + path));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
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
        // Not ready is the Kafka check failing on the ready probe; the loop itself is fine.
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("ingestion").GetProperty("status").GetString());
        Assert.Equal(["no partition assigned"], body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
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

    [Fact]
    public async Task Live_PrefixWithPath_ServedUnderThatPathOnly()
    {
        _health.Polled(gotRecord: true);
        var prefix = $"http://127.0.0.1:{CompressionSafety.Testing.LocalHttp.FreePort()}/worker/";
        await using var surface = await HttpSurface.StartAsync(_health, prefix: prefix);
        var root = prefix[..prefix.IndexOf("/worker/", StringComparison.Ordinal)];

        using var under = await _http.GetAsync(new Uri(prefix + "health/live"));
        using var outside = await _http.GetAsync(new Uri(root + "/health/live"));

        Assert.Equal(HttpStatusCode.OK, under.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownPath_404WithJsonError()
    {
        var (status, body) = await Get("health");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("/health", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
