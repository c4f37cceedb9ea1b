using CompressionSafety.Contracts;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Pipeline;

/// <summary>
/// One output of a <see cref="MonitorPipeline{TOrigin}"/>: files, a metrics sink, Kafka topics, a notifier, an archive.
/// Every output sees every event, in the order the pipeline produced them; an output that has no use for one kind of
/// event ignores it (derive from <see cref="MonitorOutput{TOrigin}"/>). Calls come from the pipeline's one thread and
/// must not block on a remote system: an output with a remote end buffers (docs/worker.md, "Outputs").
/// </summary>
/// <typeparam name="TOrigin">Where a record came from (a file line, a topic offset), for dead letters.</typeparam>
public interface IMonitorOutput<in TOrigin>
{
    /// <summary>A record that was not counted, and why: unparseable, late, dated ahead, over a key bound, or one that broke the engine.</summary>
    void DeadLetter(TOrigin origin, Rejection rejection);

    /// <summary>A closed window's result.</summary>
    void Window(WindowResult window);

    /// <summary>An incident state change published by the rules (after inhibition and silences).</summary>
    void Incident(Incident incident);

    /// <summary>A prediction routed to human review.</summary>
    void Review(ReviewItem item);
}

/// <summary>An output that ignores every event it does not override.</summary>
/// <typeparam name="TOrigin">Where a record came from.</typeparam>
public abstract class MonitorOutput<TOrigin> : IMonitorOutput<TOrigin>
{
    /// <inheritdoc/>
    public virtual void DeadLetter(TOrigin origin, Rejection rejection)
    {
    }

    /// <inheritdoc/>
    public virtual void Window(WindowResult window)
    {
    }

    /// <inheritdoc/>
    public virtual void Incident(Incident incident)
    {
    }

    /// <inheritdoc/>
    public virtual void Review(ReviewItem item)
    {
    }
}
