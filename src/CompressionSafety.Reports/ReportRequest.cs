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
    string ToolVersion)
{
    /// <summary>Further <c>incidents.jsonl</c> files, read after <see cref="IncidentsFile"/> in this order (the archive's day files).</summary>
    public IReadOnlyList<string> MoreIncidentsFiles { get; init; } = [];

    /// <summary>Run files (replay's <c>summary.json</c>, the worker's <c>run-YYYY-MM-DD.json</c>) for the manifest's hashes and seed.</summary>
    public IReadOnlyList<string> RunFiles { get; init; } = [];
}
