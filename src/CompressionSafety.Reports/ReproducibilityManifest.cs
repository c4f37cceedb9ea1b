namespace CompressionSafety.Reports;

/// <summary>
/// The hashes and seed that pin down how a report's inputs were made (docs/reports.md). A value that no input states
/// is <see cref="Unknown"/>; one that differs between the runs of the period is <see cref="Mixed"/> (the
/// <see cref="Runs"/> then say which run had which).
/// </summary>
/// <param name="ConfigSha256">SHA-256 of the monitor's configuration.</param>
/// <param name="RulesSha256">SHA-256 of the alert rule set, <c>none</c> when the runs had no rules.</param>
/// <param name="GeneratorSeed">Seed of the synthetic generator that made the input.</param>
/// <param name="SuiteSha256">SHA-256 of the safety suite of the evaluation.</param>
/// <param name="Models">Model files of the evaluation, baseline first; empty without an evaluation.</param>
/// <param name="Runs">One entry per run file read (<c>summary.json</c>, <c>run-YYYY-MM-DD.json</c>).</param>
/// <param name="EvaluationHost">The machine the evaluation ran on (its <c>host</c>, flattened to text); null without one.</param>
public sealed record ReproducibilityManifest(
    string ConfigSha256,
    string RulesSha256,
    string GeneratorSeed,
    string SuiteSha256,
    IReadOnlyList<ModelFile> Models,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyDictionary<string, string>? EvaluationHost = null)
{
    /// <summary>Written for a value no input states.</summary>
    public const string Unknown = "unknown";

    /// <summary>Written for a value the runs of the period disagree on.</summary>
    public const string Mixed = "mixed";

    /// <summary>Written for the rule set of runs that had no rules.</summary>
    public const string None = "none";

    /// <summary>Nothing known.</summary>
    public static ReproducibilityManifest Empty { get; } = new(Unknown, Unknown, Unknown, Unknown, [], []);
}
