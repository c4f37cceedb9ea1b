using CompressionSafety.Engine.Rules;
using CompressionSafety.Testing;

namespace CompressionSafety.Notifications.Tests;

/// <summary>The Alertmanager client against a real Alertmanager 0.25: alerts appear, resolve, group, and obey its silences.</summary>
public sealed class AlertmanagerNotifierTests
{
    [Fact]
    public async Task Publish_FiringIncident_AppearsInAlertmanagerWithLabelsAnnotationsAndLease()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        await using var notifier = Notifier(alertmanager.Url);
        var incident = TestIncidents.Create();

        notifier.Publish(incident);

        var alert = Assert.Single(await AlertmanagerServer.UntilAsync(alertmanager.AlertsAsync, a => a.Count > 0, "alert in Alertmanager"));
        var labels = alert.GetProperty("labels");
        Assert.Equal("miss-up", labels.GetProperty("alertname").GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Equal("toxicity-guard", labels.GetProperty("model").GetString());
        Assert.Equal("int8", labels.GetProperty("variant").GetString());
        Assert.Equal("all", labels.GetProperty("slice").GetString());
        Assert.Equal("reject", labels.GetProperty("gate").GetString());
        var annotations = alert.GetProperty("annotations");
        Assert.Equal("misses more", annotations.GetProperty("summary").GetString());
        Assert.Equal("https://example.org/runbook", annotations.GetProperty("runbook_url").GetString());
        Assert.Equal(incident.Id, annotations.GetProperty("incident_id").GetString());
        Assert.StartsWith("http://grafana.test:3000/d/cs-model?var-model=toxicity-guard&var-variant=int8&var-slice=all&from=", annotations.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(annotations.GetProperty("evidence").GetString(), alert.GetProperty("generatorURL").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        var lease = alert.GetProperty("endsAt").GetDateTimeOffset() - alert.GetProperty("startsAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(20), lease);
    }

    [Fact]
    public async Task Publish_Resolved_EndsTheAlertInAlertmanager()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        await using var notifier = Notifier(alertmanager.Url);
        notifier.Publish(TestIncidents.Create());
        await AlertmanagerServer.UntilAsync(alertmanager.AlertsAsync, a => a.Count == 1, "alert in Alertmanager");

        notifier.Publish(TestIncidents.Create(status: IncidentStatus.Resolved));

        Assert.Empty(await AlertmanagerServer.UntilAsync(alertmanager.AlertsAsync, a => a.Count == 0, "alert resolved"));
        Assert.Equal(0, notifier.Active);
        Assert.Equal(0, notifier.Failed);
    }

    [Fact]
    public async Task Publish_TwoSlicesOfOneRuleAndVariant_AlertmanagerGroupsThem()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        await using var notifier = Notifier(alertmanager.Url);

        notifier.Publish(TestIncidents.Create(slice: "all"));
        notifier.Publish(TestIncidents.Create(slice: "locale=de"));
        notifier.Publish(TestIncidents.Create(variant: "pruned-50"));

        var groups = await AlertmanagerServer.UntilAsync(alertmanager.GroupsAsync, g => g.Sum(x => x.GetProperty("alerts").GetArrayLength()) == 3, "three alerts grouped");
        Assert.Equal(2, groups.Count);
        var int8 = Assert.Single(groups, g => g.GetProperty("labels").GetProperty("variant").GetString() == "int8");
        Assert.Equal("miss-up", int8.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(["all", "locale=de"], int8.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("slice").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publish_SilenceCreatedInAlertmanager_AlertIsSuppressed()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        var silence = await alertmanager.SilenceAsync("miss-up");
        await using var notifier = Notifier(alertmanager.Url);

        notifier.Publish(TestIncidents.Create());

        var alert = Assert.Single(await AlertmanagerServer.UntilAsync(
            alertmanager.AlertsAsync, a => a.Count == 1 && a[0].GetProperty("status").GetProperty("state").GetString() == "suppressed", "silenced alert"));
        Assert.Equal([silence], alert.GetProperty("status").GetProperty("silencedBy").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Publish_TwoUrls_EveryReplicaGetsTheAlert()
    {
        await using var first = await AlertmanagerServer.StartAsync();
        await using var second = await AlertmanagerServer.StartAsync();
        await using var notifier = Notifier(first.Url, second.Url);

        notifier.Publish(TestIncidents.Create());

        Assert.Single(await AlertmanagerServer.UntilAsync(first.AlertsAsync, a => a.Count == 1, "alert in the first replica"));
        Assert.Single(await AlertmanagerServer.UntilAsync(second.AlertsAsync, a => a.Count == 1, "alert in the second replica"));
    }

    internal static AlertmanagerOptions Options(params Uri[] urls) => new()
    {
        Urls = urls,
        ResendDelay = TimeSpan.FromMinutes(1),
        EvaluationInterval = TimeSpan.FromMinutes(5),
        DashboardUrl = new Uri("http://grafana.test:3000/"),
    };

    internal static IHttpClientFactory Factory() => AlertmanagerServiceCollectionExtensions.StandaloneHttpClientFactory();

    private static AlertmanagerNotifier Notifier(params Uri[] urls) =>
        Factory().CreateAlertmanagerNotifier(Options(urls), TimeProvider.System);
}
