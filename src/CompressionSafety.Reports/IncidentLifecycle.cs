namespace CompressionSafety.Reports;

/// <summary>One incident of the period from its <c>incidents.jsonl</c> lines.</summary>
/// <param name="Id">Incident id.</param>
/// <param name="Rule">Rule id.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Gate">Gate of the rule.</param>
/// <param name="Model">Model.</param>
/// <param name="Variant">Variant.</param>
/// <param name="Slice">Slice.</param>
/// <param name="FiringSince">Start of the first firing window.</param>
/// <param name="ResolvedAt">End of the window in which it resolved, or null while it still fires.</param>
/// <param name="Status">Last published status (<c>firing</c> or <c>resolved</c>).</param>
/// <param name="EvidenceMetric">The evidence's main metric.</param>
/// <param name="EvidenceValue">Its value when it fired.</param>
public sealed record IncidentLifecycle(
    string Id,
    string Rule,
    string Severity,
    string Gate,
    string Model,
    string Variant,
    string Slice,
    DateTimeOffset FiringSince,
    DateTimeOffset? ResolvedAt,
    string Status,
    string EvidenceMetric,
    double? EvidenceValue);
