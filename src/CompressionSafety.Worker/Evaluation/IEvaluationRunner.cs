namespace CompressionSafety.Worker.Evaluation;

/// <summary>One re-evaluation pass; the scheduled service only decides when.</summary>
public interface IEvaluationRunner
{
    /// <summary>Runs one pass and publishes its output.</summary>
    /// <param name="cancellationToken">Stops waiting; ONNX Runtime calls already running finish.</param>
    /// <returns>A task that completes when the pass is done.</returns>
    Task RunAsync(CancellationToken cancellationToken);
}
