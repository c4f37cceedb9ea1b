namespace CompressionSafety.Reports;

/// <summary>One window's flagged rate of a variant (slice <c>all</c>) with its interval, for the time chart.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Variant name.</param>
/// <param name="WindowStart">Window start.</param>
/// <param name="Rate">Flagged rate.</param>
/// <param name="Low">Lower bound of its 95% interval.</param>
/// <param name="High">Upper bound of its 95% interval.</param>
/// <param name="Count">Records that report flagged.</param>
public sealed record RatePoint(string Model, string Variant, DateTimeOffset WindowStart, double Rate, double Low, double High, long Count);
