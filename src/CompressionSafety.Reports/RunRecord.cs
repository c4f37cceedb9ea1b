namespace CompressionSafety.Reports;

/// <summary>What one run file (replay's <c>summary.json</c>, the worker's <c>run-YYYY-MM-DD.json</c>) says about its run.</summary>
/// <param name="Name">The run file's name.</param>
/// <param name="ConfigSource"><c>file</c>, <c>defaults</c>, <c>worker</c>, or <c>unknown</c> for files written before it was recorded.</param>
/// <param name="ConfigSha256">The configuration hash, or <c>unknown</c>.</param>
/// <param name="EffectiveConfigSha256">The canonical effective-settings hash, or <c>unknown</c>.</param>
/// <param name="RulesSha256">The rule-set hash, <c>none</c> without rules, or <c>unknown</c>.</param>
/// <param name="GeneratorSeed">The generator's seed, or <c>unknown</c> when the input did not come with one.</param>
public sealed record RunRecord(string Name, string ConfigSource, string ConfigSha256, string EffectiveConfigSha256, string RulesSha256, string GeneratorSeed);
