namespace CompressionSafety.InfluxDb;

/// <summary>
/// The points of one window result (or one incident) as line protocol, queued as one item: one queue operation per
/// result instead of per point keeps <see cref="InfluxDbMetricsSink.Write"/> cheap for the engine.
/// </summary>
/// <param name="Lines">Points separated by <c>\n</c>, without a trailing newline (the client joins records with <c>\n</c>).</param>
/// <param name="Count">Number of points.</param>
internal readonly record struct PointBlock(string Lines, int Count);
