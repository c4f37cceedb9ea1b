namespace CompressionSafety.Evaluation.Suites;

/// <summary>One safety test case.</summary>
/// <param name="Id">Unique case id.</param>
/// <param name="Features">Model input features (flattened); empty when the line has none.</param>
/// <param name="Expected">Expected label.</param>
/// <param name="Tags">Kind of input (<c>routine</c>, <c>edge-case</c>, <c>adversarial</c>) and any further tags.</param>
/// <param name="Slices">Segment attributes, e.g. <c>segment=minority</c>.</param>
/// <param name="Line">1-based line in the suite file.</param>
/// <param name="Text">The input text, for models that read token ids; null when the line has none.</param>
public sealed record SuiteCase(
    string Id,
    float[] Features,
    string Expected,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Slices,
    int Line,
    string? Text = null);
