using CompressionSafety.Statistics.State;

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

    internal void WriteState(StateWriter writer)
    {
        writer.Write(Judged);
        writer.Write(InsufficientSamples);
        writer.Write(Fired);
        writer.Write(Resolved);
        writer.Write(Inhibited);
        writer.Write(Silenced);
    }

    internal void ReadState(StateReader reader)
    {
        Judged = reader.ReadInt64();
        InsufficientSamples = reader.ReadInt64();
        Fired = reader.ReadInt64();
        Resolved = reader.ReadInt64();
        Inhibited = reader.ReadInt64();
        Silenced = reader.ReadInt64();
    }
}
