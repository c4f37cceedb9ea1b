namespace CompressionSafety.Engine.Rules;

/// <summary>What the evaluator did, for the run summary.</summary>
public sealed class RuleEvaluatorCounters
{
    /// <summary>Rule/window evaluations with enough samples.</summary>
    public long Judged { get; internal set; }

    /// <summary>Rule/window evaluations skipped because a minimum sample size was not reached.</summary>
    public long InsufficientSamples { get; internal set; }

    /// <summary>Incidents that fired.</summary>
    public long Fired { get; internal set; }

    /// <summary>Incidents that resolved.</summary>
    public long Resolved { get; internal set; }

    /// <summary>
    /// Incidents muted because a critical incident fires on the same key: lower-severity incidents that started firing
    /// while it fired, and those already firing when it started.
    /// </summary>
    public long Inhibited { get; internal set; }

    /// <summary>State changes not published because a silence covers them.</summary>
    public long Silenced { get; internal set; }
}
