namespace CompressionSafety.Engine.Rules;

/// <summary>Lifecycle of an incident: pending (condition true, <c>for</c> not met) -> firing -> resolved.</summary>
public enum IncidentStatus
{
    /// <summary>The condition holds but not yet for <c>for</c> consecutive windows; not notified.</summary>
    Pending,

    /// <summary>Firing.</summary>
    Firing,

    /// <summary>The condition stopped holding for longer than <c>keep_firing_for</c>.</summary>
    Resolved,
}
