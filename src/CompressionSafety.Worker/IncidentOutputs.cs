using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Worker;

/// <summary>
/// The worker's incident outputs behind the one <see cref="IIncidentSink"/> the ingestion loop publishes to: the metrics
/// sink's incident points, the webhook and Alertmanager, each of which queues and never blocks. <c>replay</c> uses it
/// too when it is given both a webhook and Alertmanager.
/// </summary>
public sealed class IncidentOutputs(IReadOnlyList<IIncidentSink> outputs) : IIncidentSink
{
    /// <summary>The outputs, in publishing order.</summary>
    public IReadOnlyList<IIncidentSink> Outputs { get; } = outputs;

    /// <inheritdoc/>
    public void Publish(Incident incident)
    {
        foreach (var output in Outputs)
        {
            output.Publish(incident);
        }
    }
}
