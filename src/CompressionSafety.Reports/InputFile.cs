namespace CompressionSafety.Reports;

/// <summary>An input of the report in the reproducibility manifest.</summary>
/// <param name="Role"><c>windows</c>, <c>incidents</c> or <c>evaluation</c>.</param>
/// <param name="Name">File name (no folder, so the manifest does not depend on where it ran).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Records">Non-blank lines (1 for a JSON document).</param>
public sealed record InputFile(string Role, string Name, string Sha256, long Records);
