using System.Net;
using System.Text;
using System.Text.Json;
using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>The silence API on the worker's real Kestrel server, and its effect on a rule evaluator sharing the store.</summary>
public sealed class SilenceApiTests : IAsyncLifetime, IDisposable
{
    // The manual clock's "now"; windows in the tests sit inside the silences posted below.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new();
    private readonly SilenceStore _store = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("silences-");
    private readonly WorkerHealth _health;
    private readonly SilenceApi _api;
    private readonly HttpClient _http = new();
    private HttpSurface? _surface;

    public SilenceApiTests()
    {
        _health = new WorkerHealth(_time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions()));
        _api = new SilenceApi(
            _store,
            Microsoft.Extensions.Options.Options.Create(new RulesOptions { SilencesFile = SilencesFile }),
            _time,
            NullLogger<SilenceApi>.Instance);
    }

    private string SilencesFile => Path.Combine(_folder.FullName, "silences.json");

    public async Task InitializeAsync() => _surface = await HttpSurface.StartAsync(_health, services => services.AddSingleton(_api));

    public async Task DisposeAsync() => await _surface!.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _folder.Delete(recursive: true);
    }

    private const string AlertmanagerBody = """
        {"matchers":[{"name":"alertname","value":"flagged-up","isRegex":false,"isEqual":true},
                     {"name":"variant","value":"int8","isRegex":false,"isEqual":true}],
         "startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T02:00:00Z","createdBy":"oncall","comment":"known rollout"}
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_surface!.Prefix + path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static AlertRule Rule() => new()
    {
        Id = "flagged-up",
        Condition = new RuleCondition("flagged_rate_diff", ReferenceNames.Baseline, ComparisonOperator.Greater, 0.05),
        Kind = WindowKind.Traffic,
    };

    private static WindowResult Window(string variant, int index = 0)
    {
        var start = Now + TimeSpan.FromMinutes(5 * index);
        return new WindowResult(
            new WindowKey("toxicity-guard", variant, "all"),
            WindowKind.Traffic,
            start,
            start + TimeSpan.FromMinutes(5),
            400,
            new Dictionary<string, double> { ["count"] = 400 },
            [new ReferenceComparison(ReferenceNames.Baseline, new Dictionary<string, double> { ["flagged_rate_diff"] = 0.2 })],
            new Dictionary<string, Histogram>());
    }

    [Fact]
    public async Task Post_AlertmanagerSilence_MutesMatchingIncidentOnly()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []), sink: null, _store);

        var (status, body) = await Send(HttpMethod.Post, "api/v2/silences", AlertmanagerBody);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("silenceID").GetString()));
        Assert.Empty(evaluator.Evaluate(Window("int8")));
        Assert.Equal(1, evaluator.Counters.Silenced);
        Assert.Equal("pruned", Assert.Single(evaluator.Evaluate(Window("pruned"))).Key.Variant);
    }

    [Fact]
    public async Task Post_BeforeAnyPost_IncidentPublished()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []), sink: null, _store);

        Assert.Single(evaluator.Evaluate(Window("int8")));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "api/v2/silences")).Status);
    }

    [Fact]
    public async Task Post_ProjectMatcherFormatWithNegation_ListedAsActiveAlertmanagerMatchers()
    {
        const string Body = """
            {"matchers":{"variant":"!baseline","slice":"locale=*"},"startsAt":"2026-11-26T23:00:00Z","endsAt":"2026-11-27T01:00:00Z",
             "createdBy":"me","comment":"maintenance"}
            """;
        var (_, posted) = await Send(HttpMethod.Post, "api/v2/silences", Body);

        var (status, list) = await Send(HttpMethod.Get, "api/v2/silences");

        Assert.Equal(HttpStatusCode.OK, status);
        var silence = Assert.Single(list.EnumerateArray());
        Assert.Equal(posted.GetProperty("silenceID").GetString(), silence.GetProperty("id").GetString());
        Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
        var matchers = silence.GetProperty("matchers").EnumerateArray().ToList();
        Assert.Equal(["slice=locale=* True", "variant=baseline False"], matchers.Select(m =>
            $"{m.GetProperty("name").GetString()}={m.GetProperty("value").GetString()} {m.GetProperty("isEqual").GetBoolean()}"));
        Assert.Equal("2026-11-27T01:00:00.000Z", silence.GetProperty("endsAt").GetString());
        Assert.Equal("me", silence.GetProperty("createdBy").GetString());
        Assert.Equal(["slice", "variant"], _store.Current[0].Matchers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("!baseline", _store.Current[0].Matchers["variant"]);
    }

    [Theory]
    [InlineData("{not json", "the body is not valid JSON")]
    [InlineData("[1,2]", "the body must be a JSON object")]
    [InlineData("""{"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "'matchers' is required")]
    [InlineData("""{"matchers":[],"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "'matchers' is required")]
    [InlineData("""{"matchers":{"variant":"int8"},"endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "'startsAt' is required")]
    [InlineData("""{"matchers":{"variant":"int8"},"startsAt":"yesterday","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "'startsAt' is required: an RFC 3339 time")]
    [InlineData("""{"matchers":{"variant":"int8"},"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","comment":"c"}""", "'createdBy' is required")]
    [InlineData("""{"matchers":{"variant":"int8"},"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a"}""", "'comment' is required")]
    [InlineData("""{"matchers":{"variant":"int8"},"startsAt":"2026-11-27T01:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "'endsAt' must be after 'startsAt'")]
    [InlineData("""{"matchers":[{"name":"variant","value":"int.*","isRegex":true,"isEqual":true}],"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "matchers[0].isRegex: regular expressions are not supported")]
    [InlineData("""{"matchers":[{"value":"int8"}],"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}""", "matchers[0]: needs a non-empty string 'name'")]
    public async Task Post_InvalidBody_400WithMessage(string body, string message)
    {
        var (status, answer) = await Send(HttpMethod.Post, "api/v2/silences", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_store.Current);
        Assert.False(File.Exists(SilencesFile));
    }

    [Fact]
    public async Task Delete_PostedSilence_RemovedAndIncidentsPublishedAgain()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []), sink: null, _store);
        var id = (await Send(HttpMethod.Post, "api/v2/silences", AlertmanagerBody)).Body.GetProperty("silenceID").GetString();

        var (status, _) = await Send(HttpMethod.Delete, "api/v2/silence/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(_store.Current);
        Assert.Single(evaluator.Evaluate(Window("int8")));
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Delete, "api/v2/silence/" + id)).Status);
    }

    [Fact]
    public async Task Post_UnknownIdInBody_404()
    {
        var (status, answer) = await Send(HttpMethod.Post, "api/v2/silences", AlertmanagerBody.Replace("{\"matchers\"", "{\"id\":\"nope\",\"matchers\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("'nope' not found", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithSilencesFile_SurvivesARestart()
    {
        var id = (await Send(HttpMethod.Post, "api/v2/silences", AlertmanagerBody)).Body.GetProperty("silenceID").GetString()!;

        var reloaded = new SilenceStore(SilenceFile.Load(SilencesFile));
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []), sink: null, reloaded);

        var silence = Assert.Single(reloaded.Current);
        Assert.Equal(id, silence.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero), silence.EndsAt);
        Assert.Equal("oncall", silence.CreatedBy);
        Assert.Equal("known rollout", silence.Comment);
        Assert.Empty(evaluator.Evaluate(Window("int8")));

        await Send(HttpMethod.Delete, "api/v2/silence/" + id);
        Assert.Empty(SilenceFile.Load(SilencesFile));
    }

    [Fact]
    public async Task Post_BodyOver64KiB_400()
    {
        var (status, answer) = await Send(HttpMethod.Post, "api/v2/silences", "{\"comment\":\"" + new string('x', SilenceApi.MaxBodyBytes) + "\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("larger than 65536 bytes", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OnItem_405NamingDelete()
    {
        var (status, answer) = await Send(HttpMethod.Get, "api/v2/silence/some-id");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Contains("use DELETE", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_OnList_405()
    {
        var (status, answer) = await Send(HttpMethod.Put, "api/v2/silences", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Contains("use GET or POST", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
