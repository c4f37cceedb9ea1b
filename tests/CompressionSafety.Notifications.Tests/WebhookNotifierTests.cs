using System.Text;
using System.Text.Json;
using CompressionSafety.Engine.Rules;
using Microsoft.Extensions.Time.Testing;

namespace CompressionSafety.Notifications.Tests;

public sealed class WebhookNotifierTests
{
    private const string Secret = "s3cret";

    [Fact]
    public async Task Publish_OneIncident_PostsSignedAlertmanagerV4Payload()
    {
        using var hook = new LocalWebhook();
        using var http = new HttpClient();
        await using var notifier = new WebhookNotifier(Options(hook), http, new FakeTimeProvider(TestIncidents.T0));
        var incident = TestIncidents.Create();

        notifier.Publish(incident);
        await notifier.CompleteAsync(CancellationToken.None);

        var (status, body, signature, contentType) = Assert.Single(hook.Requests);
        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(WebhookSignature.Sign(body, Secret), signature);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("4", root.GetProperty("version").GetString());
        Assert.Equal("firing", root.GetProperty("status").GetString());
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        Assert.Equal(incident.Id, alert.GetProperty("fingerprint").GetString());
        Assert.Equal("miss-up", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("critical", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("misses more", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("2026-11-26T00:00:00.000Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal(1, notifier.Sent);
    }

    [Fact]
    public void Sign_KnownKeyAndBody_MatchesHmacSha256()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        var signature = WebhookSignature.Sign(Encoding.UTF8.GetBytes("what do ya want for nothing?"), "Jefe");

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
        Assert.True(WebhookSignature.Verify(Encoding.UTF8.GetBytes("what do ya want for nothing?"), "Jefe", signature));
        Assert.False(WebhookSignature.Verify(Encoding.UTF8.GetBytes("what do ya want for nothing!"), "Jefe", signature));
    }

    [Fact]
    public async Task Publish_ReceiverFailsTwice_RetriesWithBackoffThenDelivers()
    {
        using var hook = new LocalWebhook(503, 500);
        using var http = new HttpClient();
        var time = new FakeTimeProvider(TestIncidents.T0);
        await using var notifier = new WebhookNotifier(Options(hook), http, time);
        var third = hook.Reached(3);

        notifier.Publish(TestIncidents.Create());
        await DriveAsync(time, third.Task);
        await notifier.CompleteAsync(CancellationToken.None);

        Assert.Equal([503, 500, 200], hook.Requests.Select(r => r.Status));
        Assert.Equal(1, notifier.Sent);
        Assert.Equal(3, notifier.Attempts);
        Assert.Equal(0, notifier.Failed);
        Assert.True(time.GetUtcNow() > TestIncidents.T0, "the retries waited on the injected clock");
    }

    [Fact]
    public async Task Publish_ReceiverAlwaysFails_GivesUpAfterMaxRetriesAndCounts()
    {
        using var hook = new LocalWebhook(500, 500, 500, 500);
        using var http = new HttpClient();
        var time = new FakeTimeProvider(TestIncidents.T0);
        var options = Options(hook);
        options.MaxRetries = 2;
        var told = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var notifier = new WebhookNotifier(options, http, time) { AttemptFailed = told.Enqueue };
        var done = hook.Reached(3);

        notifier.Publish(TestIncidents.Create());
        await DriveAsync(time, done.Task);
        await notifier.CompleteAsync(CancellationToken.None);

        Assert.Equal(3, hook.Requests.Count);
        Assert.Equal(1, notifier.Failed);
        Assert.Equal(0, notifier.Sent);
        Assert.Equal((0L, 1L), (notifier.IncidentsSent, notifier.IncidentsFailed));
        Assert.Contains("500", notifier.LastError, StringComparison.Ordinal);
        Assert.Equal(2, told.Count);
        Assert.All(told, m => Assert.Contains("failed (Response status code does not indicate success: 500", m, StringComparison.Ordinal));
        Assert.StartsWith("attempt 1 to " + hook.Url, told.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_QueueFull_DropsAndCountsWithoutBlocking()
    {
        // The first payload is stuck in retries on the fake clock, so the queue behind it fills up.
        using var hook = new LocalWebhook(500, 500, 500, 500, 500, 500);
        using var http = new HttpClient();
        var time = new FakeTimeProvider(TestIncidents.T0);
        var options = Options(hook);
        options.QueueCapacity = 2;
        options.MaxBatch = 1;
        await using var notifier = new WebhookNotifier(options, http, time);
        var first = hook.Reached(1);
        notifier.Publish(TestIncidents.Create("r0"));
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 1; i <= 5; i++)
        {
            notifier.Publish(TestIncidents.Create("r" + i));
        }

        Assert.Equal(3, notifier.Dropped);
    }

    [Fact]
    public async Task Publish_BatchOfIncidents_OnePayloadPerGroupByLabels()
    {
        using var hook = new LocalWebhook();
        using var http = new HttpClient();
        var options = Options(hook);
        options.GroupBy = ["variant"];
        var time = new FakeTimeProvider(TestIncidents.T0);
        var notifier = new WebhookNotifier(options, http, time);
        await using (notifier.ConfigureAwait(false))
        {
            // Publish before the worker can drain: a completed queue is read in one batch.
            notifier.Publish(TestIncidents.Create("a", "int8", "all"));
            notifier.Publish(TestIncidents.Create("b", "int8", "locale=de"));
            notifier.Publish(TestIncidents.Create("a", "pruned", "all"));
            await notifier.CompleteAsync(CancellationToken.None);
            Assert.Equal(3, notifier.IncidentsSent);
        }

        var groups = hook.Requests
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .SelectMany(root => root.GetProperty("alerts").EnumerateArray().Select(a => (Group: root.GetProperty("groupLabels").GetProperty("variant").GetString(), Variant: a.GetProperty("labels").GetProperty("variant").GetString())))
            .ToList();
        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Equal(g.Group, g.Variant));
    }

    [Fact]
    public void Group_ByVariant_OneGroupPerVariantInOrder()
    {
        var incidents = new[]
        {
            TestIncidents.Create("a", "int8", "all"),
            TestIncidents.Create("b", "int8", "locale=de"),
            TestIncidents.Create("a", "pruned", "all"),
        };

        var groups = NotificationGroups.Group(incidents, ["variant"]);

        Assert.Equal(2, groups.Count);
        Assert.Equal("int8", groups[0].GroupLabels["variant"]);
        Assert.Equal(["a", "b"], groups[0].Incidents.Select(i => i.Rule.Id));
        Assert.Equal("pruned", groups[1].GroupLabels["variant"]);
        Assert.Single(groups[1].Incidents);
    }

    [Fact]
    public void Build_ResolvedIncident_StatusResolvedWithEndsAt()
    {
        var incident = TestIncidents.Create(status: IncidentStatus.Resolved);

        using var doc = JsonDocument.Parse(AlertmanagerPayload.Build([incident], new Dictionary<string, string>(), "r"));

        Assert.Equal("resolved", doc.RootElement.GetProperty("status").GetString());
        var alert = doc.RootElement.GetProperty("alerts")[0];
        Assert.Equal("2026-11-26T00:05:00.000Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("toxicity-guard", doc.RootElement.GetProperty("commonLabels").GetProperty("model").GetString());
    }

    [Fact]
    public void Build_FiringButInhibited_SentAsResolvedWithInhibitor()
    {
        var incident = TestIncidents.Create() with { InhibitedBy = "0123456789abcdef" };

        using var doc = JsonDocument.Parse(AlertmanagerPayload.Build([incident], new Dictionary<string, string>(), "r"));

        Assert.Equal("resolved", doc.RootElement.GetProperty("status").GetString());
        var alert = doc.RootElement.GetProperty("alerts")[0];
        Assert.Equal("resolved", alert.GetProperty("status").GetString());
        Assert.Equal("2026-11-26T00:05:00.000Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("0123456789abcdef", alert.GetProperty("annotations").GetProperty("inhibited_by").GetString());
        Assert.Equal(incident.Id, alert.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Build_FiringAgainAfterInhibition_SentAsFiring()
    {
        var incident = TestIncidents.Create();

        using var doc = JsonDocument.Parse(AlertmanagerPayload.Build([incident], new Dictionary<string, string>(), "r"));

        var alert = doc.RootElement.GetProperty("alerts")[0];
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.False(alert.GetProperty("annotations").TryGetProperty("inhibited_by", out _));
    }

    [Fact]
    public async Task Publish_ResolvedWhileInhibited_NotSent()
    {
        using var hook = new LocalWebhook();
        using var http = new HttpClient();
        await using var notifier = new WebhookNotifier(Options(hook), http, new FakeTimeProvider(TestIncidents.T0));

        notifier.Publish(TestIncidents.Create(status: IncidentStatus.Resolved) with { InhibitedBy = "0123456789abcdef" });
        notifier.Publish(TestIncidents.Create(rule: "other", status: IncidentStatus.Resolved));
        await notifier.CompleteAsync(CancellationToken.None);

        var (_, body, _, _) = Assert.Single(hook.Requests);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("other", Assert.Single(doc.RootElement.GetProperty("alerts").EnumerateArray()).GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(0, notifier.Dropped);
    }

    private static WebhookOptions Options(LocalWebhook hook) => new()
    {
        Url = hook.Url,
        Secret = Secret,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxRetries = 5,

        // DriveAsync moves the fake clock 5 s every 5 ms of real time; with the default 10 s attempt timeout on that
        // clock, a request slower than ~10 ms on a loaded machine timed out and was retried (4 attempts, not 3).
        // Tests that want the timeout set it themselves.
        AttemptTimeout = TimeSpan.FromDays(1),
    };

    /// <summary>Advances the fake clock until <paramref name="until"/> completes, so back-off delays elapse without sleeping.</summary>
    private static async Task DriveAsync(FakeTimeProvider time, Task until)
    {
        for (var i = 0; i < 2000 && !until.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(until, Task.Delay(5));
        }

        await until.WaitAsync(TimeSpan.FromSeconds(1));
    }
}
