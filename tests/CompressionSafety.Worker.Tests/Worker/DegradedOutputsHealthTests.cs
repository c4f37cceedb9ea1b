using System.Net;
using System.Text.Json;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Notifications;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using Microsoft.Extensions.DependencyInjection;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>An output that is down is Degraded on the ready probe, answers 200, and is not part of liveness.</summary>
public sealed class DegradedOutputsHealthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ready_NotifiersFailing_200DegradedAndLiveLeavesThemOut()
    {
        var time = new ManualTimeProvider();
        var health = new WorkerHealth(time, Microsoft.Extensions.Options.Options.Create(new KafkaWorkerOptions()));
        health.Assigned(1);
        health.Polled(gotRecord: true);
        // Nothing listens on this port: every request is refused at once.
        var dead = new Uri($"http://127.0.0.1:{LocalHttp.FreePort()}/");
        await using var webhook = new WebhookNotifier(new WebhookOptions { Url = new Uri(dead, "hook"), Secret = "s", MaxRetries = 0 }, new HttpClient(), TimeProvider.System);
        await using var alertmanager = new AlertmanagerNotifier(new AlertmanagerOptions { Urls = [dead] }, new HttpClient(), TimeProvider.System);
        webhook.Publish(Incident());
        alertmanager.Publish(Incident());
        await WorkerHarness.WaitUntil(() => webhook.LastDeliveryFailed && alertmanager.Failing.Count == 1, "both deliveries to fail");
        await using var surface = await HttpSurface.StartAsync(health, services => services.AddSingleton(webhook).AddSingleton(alertmanager));
        using var http = new HttpClient();

        var (readyStatus, ready) = await GetAsync(http, new Uri(surface.Prefix + "health/ready"));
        var (liveStatus, live) = await GetAsync(http, new Uri(surface.Prefix + "health/live"));

        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("degraded", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks");
        Assert.Equal(["alertmanager", "ingestion", "kafka", "webhook"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("degraded", checks.GetProperty("webhook").GetProperty("status").GetString());
        Assert.Equal("degraded", checks.GetProperty("alertmanager").GetProperty("status").GetString());
        Assert.Contains(dead.ToString(), checks.GetProperty("alertmanager").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, checks.GetProperty("alertmanager").GetProperty("data").GetProperty("failed").GetInt64());
        Assert.Equal("healthy", checks.GetProperty("kafka").GetProperty("status").GetString());
        Assert.Equal(2, ready.GetProperty("reasons").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        Assert.Equal(["ingestion"], live.GetProperty("checks").EnumerateObject().Select(c => c.Name));
    }

    private static async Task<(HttpStatusCode, JsonElement)> GetAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Incident Incident()
    {
        var rule = new AlertRule
        {
            Id = "miss-up",
            Condition = new RuleCondition("unsafe_miss_rate_diff_low", "baseline", ComparisonOperator.Greater, 0.01),
            Kind = WindowKind.Labels,
            Severity = RuleSeverity.Critical,
            Summary = "misses more",
        };
        var key = new WindowKey("toxicity-guard", "int8", "all");
        var evidence = new IncidentEvidence(
            "unsafe_miss_rate_diff_low", "baseline", 0.04, null, null, null, "unsafe_miss_rate_diff_low > 0.01",
            new Dictionary<string, double>(), new Dictionary<string, double>(), [T0], T0, T0.AddMinutes(5), "- id: miss-up");
        return new Incident(RuleEvaluator.IncidentId("miss-up", key, T0), rule, IncidentStatus.Firing, key, T0, T0.AddMinutes(5), T0, evidence);
    }
}
