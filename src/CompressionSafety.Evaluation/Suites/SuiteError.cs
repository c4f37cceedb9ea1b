namespace CompressionSafety.Evaluation.Suites;

/// <summary>A suite line that was skipped, and why.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record SuiteError(int Line, string Reason);
