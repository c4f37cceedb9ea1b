using System.Net;
using System.Text;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Who may change silences: a bearer token when one is set, otherwise only a loopback-bound listener.</summary>
public sealed class SilenceAccessTests : IAsyncLifetime, IDisposable
{
    private const string Token = "s1lence-t0ken";
    private const string Body = """{"matchers":{"variant":"int8"},"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T02:00:00Z","createdBy":"me","comment":"rollout"}""";

    private readonly SilenceStore _store = new();
    private readonly HealthEndpointService _service;
    private readonly HttpClient _http = new();
    private readonly string _prefix = $"http://127.0.0.1:{LocalHttp.FreePort()}/";

    public SilenceAccessTests()
    {
        var time = new ManualTimeProvider();
        var endpoint = Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = _prefix, SilenceToken = Token });
        var api = new SilenceApi(_store, Microsoft.Extensions.Options.Options.Create(new RulesOptions()), time, NullLogger<SilenceApi>.Instance, endpoint);
        _service = new HealthEndpointService(
            endpoint,
            new WorkerHealth(time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions())),
            NullLogger<HealthEndpointService>.Instance,
            silences: api);
    }

    public Task InitializeAsync() => _service.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _service.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _service.Dispose();
        _http.Dispose();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Bearer wrong", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer " + Token, HttpStatusCode.OK)]
    public async Task Post_WithTokenSet_NeedsTheBearerToken(string? authorization, HttpStatusCode expected)
    {
        var status = await SendAsync(HttpMethod.Post, Body, authorization);

        Assert.Equal(expected, status);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, _store.Current.Count);
    }

    [Fact]
    public async Task Get_WithoutToken_StillLists()
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, null, null));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("http://[::1]:8080/", true)]
    [InlineData("http://*:8080/", false)]
    [InlineData("http://+:8080/", false)]
    [InlineData("http://0.0.0.0:8080/", false)]
    [InlineData("http://worker.internal:8080/", false)]
    public void IsLoopbackOnly_Prefixes(string prefix, bool loopback)
    {
        Assert.Equal(loopback, SilenceApi.IsLoopbackOnly(prefix));
    }

    [Fact]
    public void Post_NoTokenOnEveryInterface_Refused()
    {
        var api = new SilenceApi(
            _store,
            Microsoft.Extensions.Options.Options.Create(new RulesOptions()),
            new ManualTimeProvider(),
            NullLogger<SilenceApi>.Instance,
            Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = "http://*:8080/" }));

        var (status, body) = api.Answer("POST", "/api/v2/silences", new MemoryStream(Encoding.UTF8.GetBytes(Body)));

        Assert.Equal(403, status);
        Assert.Contains("Health:SilenceToken", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Empty(_store.Current);
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string? body, string? authorization)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(_prefix + "api/v2/silences"));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                using var response = await _http.SendAsync(request);
                return response.StatusCode;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                // The listener starts on a background thread.
                await Task.Delay(50);
            }
        }
    }
}
