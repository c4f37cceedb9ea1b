using CompressionSafety.Contracts;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Pipeline;

/// <summary>Hands every event to each of several outputs, in the order given: the one way a pipeline reaches many outputs.</summary>
/// <typeparam name="TOrigin">Where a record came from.</typeparam>
public sealed class OutputFanOut<TOrigin> : IMonitorOutput<TOrigin>
{
    private readonly IMonitorOutput<TOrigin>[] _outputs;

    /// <summary>Creates a fan-out over <paramref name="outputs"/> (null entries are skipped: an output that is not configured).</summary>
    public OutputFanOut(IEnumerable<IMonitorOutput<TOrigin>?> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _outputs = [.. outputs.OfType<IMonitorOutput<TOrigin>>()];
    }

    /// <summary>The outputs, in the order they receive each event.</summary>
    public IReadOnlyList<IMonitorOutput<TOrigin>> Outputs => _outputs;

    /// <inheritdoc/>
    public void DeadLetter(TOrigin origin, Rejection rejection)
    {
        foreach (var output in _outputs)
        {
            output.DeadLetter(origin, rejection);
        }
    }

    /// <inheritdoc/>
    public void Window(WindowResult window)
    {
        foreach (var output in _outputs)
        {
            output.Window(window);
        }
    }

    /// <inheritdoc/>
    public void Incident(Incident incident)
    {
        foreach (var output in _outputs)
        {
            output.Incident(incident);
        }
    }

    /// <inheritdoc/>
    public void Review(ReviewItem item)
    {
        foreach (var output in _outputs)
        {
            output.Review(item);
        }
    }
}

/// <summary>Adapts an <see cref="IIncidentSink"/> (a notifier, an incident file) to an output that takes only incidents.</summary>
/// <typeparam name="TOrigin">Where a record came from.</typeparam>
public sealed class IncidentSinkOutput<TOrigin>(IIncidentSink sink) : MonitorOutput<TOrigin>
{
    /// <inheritdoc/>
    public override void Incident(Incident incident) => sink.Publish(incident);
}
