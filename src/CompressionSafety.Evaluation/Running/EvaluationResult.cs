using CompressionSafety.Evaluation.Hosts;
using CompressionSafety.Evaluation.Suites;

namespace CompressionSafety.Evaluation.Running;

/// <summary>The content of <c>evaluation.json</c>.</summary>
/// <param name="SchemaVersion">Format version.</param>
/// <param name="Model">Model name.</param>
/// <param name="Labels">Label order.</param>
/// <param name="SafetyPositiveLabel">The safety-positive label.</param>
/// <param name="SuiteSha256">SHA-256 of the suite file.</param>
/// <param name="SuiteCases">Valid cases evaluated.</param>
/// <param name="SuiteErrors">Suite lines skipped, with reasons.</param>
/// <param name="CreatedAt">When the run finished.</param>
/// <param name="ToolVersion">Tool version.</param>
/// <param name="Seed">Seed of the suite generator, when known.</param>
/// <param name="IntraOpNumThreads">ONNX Runtime threads used.</param>
/// <param name="BatchSize">Rows per call.</param>
/// <param name="Variants">The baseline first, then each variant.</param>
/// <param name="Host">The machine and ONNX Runtime settings the run used.</param>
/// <param name="CaseIds">Id of every evaluated case, in suite order.</param>
public sealed record EvaluationResult(
    int SchemaVersion,
    string Model,
    IReadOnlyList<string> Labels,
    string SafetyPositiveLabel,
    string SuiteSha256,
    int SuiteCases,
    IReadOnlyList<SuiteError> SuiteErrors,
    DateTimeOffset CreatedAt,
    string ToolVersion,
    long? Seed,
    int IntraOpNumThreads,
    int BatchSize,
    IReadOnlyList<VariantEvaluation> Variants,
    HostInfo? Host = null,
    IReadOnlyList<string>? CaseIds = null)
{
    /// <summary>The format version this build writes.</summary>
    public const int CurrentSchemaVersion = 1;
}
