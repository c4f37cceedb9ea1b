using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Notifications.Tests;

internal static class TestIncidents
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public static Incident Create(string rule = "miss-up", string variant = "int8", string slice = "all", IncidentStatus status = IncidentStatus.Firing)
    {
        var alert = new AlertRule
        {
            Id = rule,
            Condition = new RuleCondition("unsafe_miss_rate_diff_low", "baseline", ComparisonOperator.Greater, 0.01),
            Kind = WindowKind.Labels,
            Severity = RuleSeverity.Critical,
            Gate = "reject",
            Summary = "misses more",
            Runbook = "https://example.org/runbook",
        };
        var key = new WindowKey("toxicity-guard", variant, slice);
        var evidence = new IncidentEvidence(
            "unsafe_miss_rate_diff_low", "baseline", 0.04, null, null, null, "unsafe_miss_rate_diff_low > 0.01",
            new Dictionary<string, double>(), new Dictionary<string, double>(), [T0], T0, T0.AddMinutes(5), "- id: " + rule);
        return new Incident(
            RuleEvaluator.IncidentId(rule, key, T0), alert, status, key, T0, T0.AddMinutes(5), T0, evidence);
    }
}
