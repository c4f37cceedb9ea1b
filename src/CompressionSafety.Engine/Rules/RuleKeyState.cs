using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>The lifecycle state of one rule on one key; removed when the incident resolves or a pending run breaks.</summary>
internal sealed class RuleKeyState
{
    public IncidentStatus Status { get; set; } = IncidentStatus.Pending;

    public int ConsecutiveTrue { get; set; }

    public int ConsecutiveFalse { get; set; }

    public DateTimeOffset? EpisodeStart { get; set; }

    public DateTimeOffset? FiringSince { get; set; }

    public string? Id { get; set; }

    /// <summary>Whether the firing state change was published (false when silenced or inhibited when it started).</summary>
    public bool Published { get; set; }

    /// <summary>The id of the critical incident that mutes this one while it fires on the same key; null when not muted.</summary>
    public string? InhibitedBy { get; set; }

    /// <summary>The latest window this rule judged on the key, for evidence when another rule's window changes its state.</summary>
    public WindowResult? LastResult { get; set; }

    /// <summary>The windows in which the condition held in this episode (the last 50), with their records' event-time range.</summary>
    public List<EvidenceWindow> Windows { get; } = [];
}
