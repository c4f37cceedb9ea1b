namespace CompressionSafety.InfluxDb;

/// <summary>
/// One incident state change as a point, so dashboards can annotate it: measurement
/// <see cref="PointSchema.IncidentMeasurement"/>, tags rule, severity, status, model, variant, slice and incident_id,
/// numeric field <c>firing</c> (1 while the incident is open, 0 once resolved or silenced).
/// </summary>
/// <param name="IncidentId">Deterministic incident id (rule, key, window), so a replay writes the same series.</param>
/// <param name="Rule">The rule that raised it.</param>
/// <param name="Severity">Severity, for example <c>warning</c> or <c>critical</c>.</param>
/// <param name="Status">Lifecycle state, for example <c>open</c>, <c>acknowledged</c>, <c>silenced</c>, <c>resolved</c>.</param>
/// <param name="Model">Model of the key.</param>
/// <param name="Variant">Variant of the key.</param>
/// <param name="Slice">Slice of the key.</param>
/// <param name="Firing">True while the incident needs attention.</param>
/// <param name="Timestamp">When the state change happened (event time of the window that caused it).</param>
public sealed record IncidentPoint(
    string IncidentId,
    string Rule,
    string Severity,
    string Status,
    string Model,
    string Variant,
    string Slice,
    bool Firing,
    DateTimeOffset Timestamp);
