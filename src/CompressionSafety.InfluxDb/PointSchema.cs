using CompressionSafety.Engine.Output;

namespace CompressionSafety.InfluxDb;

/// <summary>
/// The catalogue of what the sinks write: measurements, tag keys, tag values with a fixed vocabulary, and fields.
/// Window points are formatted by <see cref="LineProtocol"/> (metric names are in
/// <see cref="CompressionSafety.Engine.Metrics.MetricCatalog"/>); incident points by <see cref="LineProtocol.AppendIncident"/>.
/// Dashboards may only name what is listed here; a test holds them to it.
/// </summary>
public static class PointSchema
{
    /// <summary>Measurement of window metrics (one point per window, key, reference and metric).</summary>
    public const string WindowMeasurement = LineProtocol.WindowMeasurement;

    /// <summary>Measurement of incident state changes.</summary>
    public const string IncidentMeasurement = LineProtocol.IncidentMeasurement;

    /// <summary>The only field of a window point.</summary>
    public const string ValueField = "value";

    /// <summary>The only field of an incident point: 1 while firing, 0 otherwise.</summary>
    public const string FiringField = LineProtocol.FiringField;

    /// <summary>Tag keys of window points, in the order they are written.</summary>
    public static IReadOnlyList<string> WindowTags { get; } = ["model", "variant", "slice", "kind", "reference", "metric"];

    /// <summary>Tag keys of incident points, in the order they are written (<c>team</c> only when the rule has that label).</summary>
    public static IReadOnlyList<string> IncidentTags { get; } = ["rule", "severity", "status", "model", "variant", "slice", LineProtocol.TeamLabel, "incident_id"];

    /// <summary>Values of an incident point's <c>status</c> tag.</summary>
    public static IReadOnlyList<string> StatusValues { get; } = [LineProtocol.FiringStatus, LineProtocol.InhibitedStatus, LineProtocol.ResolvedStatus];

    /// <summary>Values of the <c>kind</c> tag.</summary>
    public static IReadOnlyList<string> KindValues { get; } = ["traffic", "labels"];

    /// <summary>Fields of <paramref name="measurement"/>, or empty for an unknown measurement.</summary>
    public static IReadOnlyList<string> FieldsOf(string measurement) => measurement switch
    {
        WindowMeasurement => [ValueField],
        IncidentMeasurement => [FiringField],
        _ => [],
    };

    /// <summary>Tag keys of <paramref name="measurement"/>, or empty for an unknown measurement.</summary>
    public static IReadOnlyList<string> TagsOf(string measurement) => measurement switch
    {
        WindowMeasurement => WindowTags,
        IncidentMeasurement => IncidentTags,
        _ => [],
    };
}
