using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>One state change of an incident, as written to <c>incidents.jsonl</c> and sent to notifiers.</summary>
/// <param name="Id">Deterministic id from (rule, model, variant, slice, first firing window); the same across replays.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Status">The new state.</param>
/// <param name="Key">The key judged.</param>
/// <param name="WindowStart">Start of the window that caused the change.</param>
/// <param name="WindowEnd">End of that window.</param>
/// <param name="FiringSince">Start of the first firing window (null while pending).</param>
/// <param name="Evidence">The evidence.</param>
public sealed record Incident(
    string Id,
    AlertRule Rule,
    IncidentStatus Status,
    WindowKey Key,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset? FiringSince,
    IncidentEvidence Evidence)
{
    /// <summary>
    /// The id of the critical incident firing on the same key that mutes this one, when this state change is muted:
    /// a firing incident announced once more as it becomes inhibited, or the resolution of an inhibited incident.
    /// Null for ordinary state changes, including a firing incident announced again when its inhibition ends.
    /// </summary>
    public string? InhibitedBy { get; init; }

    /// <summary>True when <see cref="InhibitedBy"/> is set.</summary>
    public bool Inhibited => InhibitedBy is not null;

    /// <summary>Labels for matching silences and grouping: alertname, severity, gate, model, variant, slice and the rule's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels => LabelsOf(Rule, Key);

    internal static Dictionary<string, string> LabelsOf(AlertRule rule, WindowKey key)
    {
        var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal)
        {
            ["alertname"] = rule.Id,
            ["severity"] = rule.Severity.ToString().ToLowerInvariant(),
            ["model"] = key.Model,
            ["variant"] = key.Variant,
            ["slice"] = key.Slice,
        };
        if (rule.Gate is not null)
        {
            labels["gate"] = rule.Gate;
        }

        return labels;
    }
}
