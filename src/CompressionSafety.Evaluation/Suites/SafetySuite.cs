namespace CompressionSafety.Evaluation.Suites;

/// <summary>A parsed safety test suite.</summary>
/// <param name="Cases">Valid cases in file order.</param>
/// <param name="Errors">Lines that were skipped, with reasons.</param>
/// <param name="Sha256">SHA-256 of the suite bytes: the suite's version.</param>
public sealed record SafetySuite(IReadOnlyList<SuiteCase> Cases, IReadOnlyList<SuiteError> Errors, string Sha256);
