using System.Net;
using System.Text;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Who may change silences: a bearer token when one is set, otherwise only a loopback-bound server.</summary>
public sealed class SilenceAccessTests : IAsyncLifetime, IDisposable
{
    private const string Token = "s1lence-t0ken";
    private const string Body = """{"matchers":{"variant":"int8"},"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T02:00:00Z","createdBy":"me","comment":"rollout"}""";

    private readonly SilenceStore _store = new();
    private readonly SilenceApi _api;
    private readonly WorkerHealth _health;
    private readonly HttpClient _http = new();
    private readonly string _prefix = $"http://127.0.0.1:{LocalHttp.FreePort()}/";
    private HttpSurface? _surface;

    public SilenceAccessTests()
    {
        var time = new ManualTimeProvider();
        var endpoint = Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = _prefix, SilenceToken = Token });
        _api = new SilenceApi(_store, Microsoft.Extensions.Options.Options.Create(new RulesOptions()), time, NullLogger<SilenceApi>.Instance, endpoint);
        _health = new WorkerHealth(time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions()));
    }

    public async Task InitializeAsync() =>
        _surface = await HttpSurface.StartAsync(_health, services => services.AddSingleton(_api), token: Token, prefix: _prefix);

    public async Task DisposeAsync() => await _surface!.DisposeAsync();

    public void Dispose() => _http.Dispose();

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
    public async Task Post_NoTokenOnEveryInterface_Refused()
    {
        var api = new SilenceApi(
            _store,
            Microsoft.Extensions.Options.Options.Create(new RulesOptions()),
            new ManualTimeProvider(),
            NullLogger<SilenceApi>.Instance,
            Microsoft.Extensions.Options.Options.Create(new HealthEndpointOptions { Prefix = "http://*:8080/" }));

        var (status, body) = await api.PostAsync(new MemoryStream(Encoding.UTF8.GetBytes(Body)), authorization: null, CancellationToken.None);

        Assert.Equal(403, status);
        Assert.Contains("Health:SilenceToken", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Empty(_store.Current);
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string? body, string? authorization)
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
}
