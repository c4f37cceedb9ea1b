namespace CompressionSafety.Reports;

/// <summary>What a revalidation report is built from.</summary>
/// <param name="WindowsFiles"><c>windows.jsonl</c> files (docs/outputs.md).</param>
/// <param name="IncidentsFile">An <c>incidents.jsonl</c> (docs/rules.md), or null.</param>
/// <param name="EvaluationFile">An <c>evaluation.json</c> (docs/evaluation.md), or null.</param>
/// <param name="From">Windows starting before this are left out; null for no bound.</param>
/// <param name="To">Windows ending after this are left out; null for no bound.</param>
/// <param name="GeneratedAt">The generation time written into the report (pin it for identical bytes).</param>
/// <param name="ToolVersion">The tool version written into the manifest.</param>
public sealed record ReportRequest(
    IReadOnlyList<string> WindowsFiles,
    string? IncidentsFile,
    string? EvaluationFile,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset GeneratedAt,
    string ToolVersion);
