using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>One alert rule as loaded from <c>alert-rules/*.yaml</c> (format in <c>docs/rules.md</c>).</summary>
public sealed record AlertRule
{
    /// <summary>Unique id; the incident's <c>rule</c> and Alertmanager's <c>alertname</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The main condition (its metric is the incident's metric).</summary>
    public required RuleCondition Condition { get; init; }

    /// <summary>Further conditions that must all hold as well (e.g. a point estimate next to a bound, discordant pairs).</summary>
    public IReadOnlyList<RuleCondition> Also { get; init; } = [];

    /// <summary>Minimum samples; every one must be met for the rule to judge.</summary>
    public IReadOnlyList<SampleRequirement> MinSamples { get; init; } = [];

    /// <summary>The window phase the rule reads (all its metrics share it).</summary>
    public WindowKind Kind { get; init; }

    /// <summary>Which keys the rule judges.</summary>
    public KeySelector Selector { get; init; } = KeySelector.All;

    /// <summary>Consecutive windows with the condition true before firing (1 fires on the first).</summary>
    public int For { get; init; } = 1;

    /// <summary>Windows with the condition false a firing incident survives before it resolves.</summary>
    public int KeepFiringFor { get; init; }

    /// <summary>Severity.</summary>
    public RuleSeverity Severity { get; init; } = RuleSeverity.Warning;

    /// <summary><c>needs-validation</c>, <c>reject</c> or null: the gate decision the incident implies.</summary>
    public string? Gate { get; init; }

    /// <summary>Extra labels copied to incidents and notifications.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>One-line human summary.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Runbook link.</summary>
    public string? Runbook { get; init; }

    /// <summary>The rule as written in its file, attached to incidents as evidence.</summary>
    public string SourceText { get; init; } = "";

    /// <summary>File the rule came from.</summary>
    public string SourceFile { get; init; } = "";
}
