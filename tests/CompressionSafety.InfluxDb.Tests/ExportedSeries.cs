namespace CompressionSafety.InfluxDb.Tests;

/// <summary>One series from VictoriaMetrics' /api/v1/export (it names InfluxDB points <c>measurement_field</c>; timestamps in ms).</summary>
internal sealed record ExportedSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values, IReadOnlyList<long> Timestamps);
