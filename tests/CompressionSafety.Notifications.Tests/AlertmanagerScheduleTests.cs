using System.Text.Json;
using CompressionSafety.Engine.Rules;
using Microsoft.Extensions.Time.Testing;

namespace CompressionSafety.Notifications.Tests;

/// <summary>The re-send schedule and the lease, on a fake clock, as seen by a recording HTTP server.</summary>
public sealed class AlertmanagerScheduleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publish_ResendDelayPasses_ResendsWithRenewedLeaseAndSameStart()
    {
        using var hook = new LocalWebhook();
        var clock = new FakeTimeProvider(TestIncidents.T0);
        await using var notifier = AlertmanagerNotifierTests.Factory().CreateAlertmanagerNotifier(AlertmanagerNotifierTests.Options(hook.Url), clock);

        notifier.Publish(TestIncidents.Create());
        await hook.Reached(1).Task.WaitAsync(Deadline);
        clock.Advance(TimeSpan.FromMinutes(1));
        await hook.Reached(2).Task.WaitAsync(Deadline);

        var posts = hook.Requests.Select(r => Assert.Single(JsonDocument.Parse(r.Body).RootElement.EnumerateArray())).ToList();
        Assert.All(posts, p => Assert.Equal("2026-11-26T00:00:00.000Z", p.GetProperty("startsAt").GetString()));
        // Lease: 4 x max(evaluation interval 5 min, resend delay 1 min) from each send.
        Assert.Equal("2026-11-26T00:20:00.000Z", posts[0].GetProperty("endsAt").GetString());
        Assert.Equal("2026-11-26T00:21:00.000Z", posts[1].GetProperty("endsAt").GetString());
        Assert.Equal(1, notifier.Resends);
    }

    [Fact]
    public async Task Publish_Resolved_SendsEndsAtResolutionTimeAndStopsResending()
    {
        using var hook = new LocalWebhook();
        var clock = new FakeTimeProvider(TestIncidents.T0);
        await using var notifier = AlertmanagerNotifierTests.Factory().CreateAlertmanagerNotifier(AlertmanagerNotifierTests.Options(hook.Url), clock);
        notifier.Publish(TestIncidents.Create());
        await hook.Reached(1).Task.WaitAsync(Deadline);
        clock.Advance(TimeSpan.FromSeconds(30));

        notifier.Publish(TestIncidents.Create(status: IncidentStatus.Resolved));
        await hook.Reached(2).Task.WaitAsync(Deadline);
        clock.Advance(TimeSpan.FromMinutes(1));
        await notifier.CompleteAsync(new CancellationTokenSource(Deadline).Token);

        var resolved = Assert.Single(JsonDocument.Parse(hook.Requests.ElementAt(1).Body).RootElement.EnumerateArray());
        Assert.Equal("2026-11-26T00:00:30.000Z", resolved.GetProperty("endsAt").GetString());
        Assert.Equal(2, hook.Requests.Count);
        Assert.Equal(0, notifier.Active);
    }

    [Fact]
    public async Task Publish_InhibitedByCriticalIncident_EndsTheAlert()
    {
        using var hook = new LocalWebhook();
        var clock = new FakeTimeProvider(TestIncidents.T0);
        await using var notifier = AlertmanagerNotifierTests.Factory().CreateAlertmanagerNotifier(AlertmanagerNotifierTests.Options(hook.Url), clock);
        notifier.Publish(TestIncidents.Create());
        await hook.Reached(1).Task.WaitAsync(Deadline);

        notifier.Publish(TestIncidents.Create() with { InhibitedBy = "critical-one" });
        await hook.Reached(2).Task.WaitAsync(Deadline);

        var ended = Assert.Single(JsonDocument.Parse(hook.Requests.ElementAt(1).Body).RootElement.EnumerateArray());
        Assert.Equal("2026-11-26T00:00:00.000Z", ended.GetProperty("endsAt").GetString());
        Assert.Equal("critical-one", ended.GetProperty("annotations").GetProperty("inhibited_by").GetString());
    }
}
