namespace CompressionSafety.Evaluation.Models;

/// <summary>One generated example of the demo task.</summary>
/// <param name="Features">Six features; the last is 1 for the minority segment.</param>
/// <param name="Label">0 = safe, 1 = unsafe.</param>
/// <param name="Kind"><c>routine</c>, <c>edge-case</c> or <c>adversarial</c>.</param>
/// <param name="Segment"><c>majority</c> or <c>minority</c>.</param>
public sealed record DemoCase(float[] Features, int Label, string Kind, string Segment);
