namespace CompressionSafety.Engine.Rules;

/// <summary>Receives incident state changes (firing and resolved) after inhibition and silences; must not block.</summary>
public interface IIncidentSink
{
    /// <summary>Called once per state change, in the order the evaluator produced them.</summary>
    void Publish(Incident incident);
}
