namespace CompressionSafety.Worker.Reporting;

/// <summary>One scheduled report run.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="From">Period start.</param>
/// <param name="To">Period end (exclusive).</param>
/// <param name="Directory">The report folder (written only when <paramref name="Outcome"/> is <see cref="ReportOutcome.Written"/>).</param>
public sealed record ReportRun(ReportOutcome Outcome, DateTimeOffset From, DateTimeOffset To, string Directory);
