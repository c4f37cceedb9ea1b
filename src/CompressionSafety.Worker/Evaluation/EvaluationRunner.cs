using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Evaluation;

/// <summary>Reads the registry, re-evaluates every variant and writes evaluation.json and snapshot.json.</summary>
internal sealed class EvaluationRunner(IOptions<EvaluationOptions> options, TimeProvider time, ILogger<EvaluationRunner> logger) : IEvaluationRunner
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // ONNX Runtime work is synchronous CPU work; a pool thread keeps it off the host's startup path.
        return Task.Run(
            () =>
            {
                var result = Reevaluator.Run(
                    RegistryStore.Read(settings.RegistryPath),
                    settings.SuitePath,
                    new ReevaluationOptions { BatchSize = settings.BatchSize, IntraOpNumThreads = settings.IntraOpNumThreads },
                    time);
                EvaluationOutput.Write(result, settings.OutputDirectory);
                var rejected = result.Variants.Count(v => v.Gate == GateDecision.Reject);
                var needsValidation = result.Variants.Count(v => v.Gate == GateDecision.NeedsValidation);
                Log.EvaluationCompleted(logger, result.Model, result.Variants.Count, rejected, needsValidation, settings.OutputDirectory);
            },
            cancellationToken);
    }
}
