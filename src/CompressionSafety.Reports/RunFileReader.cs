using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>Reads the run identity out of <c>summary.json</c> or <c>run-YYYY-MM-DD.json</c>.</summary>
internal static class RunFileReader
{
    public static RunRecord Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var rules = root.TryGetProperty("rules_sha256", out var r)
                ? r.ValueKind == JsonValueKind.Null ? ReproducibilityManifest.None : Text(r)
                // Before the rule-set hash was recorded, a rules counter object still says whether rules ran.
                : root.TryGetProperty("rules", out _) ? ReproducibilityManifest.Unknown : ReproducibilityManifest.None;
            var seed = root.TryGetProperty("generator", out var g) && g.ValueKind == JsonValueKind.Object
                && g.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number
                ? s.GetInt64().ToString(CultureInfo.InvariantCulture)
                : ReproducibilityManifest.Unknown;
            return new RunRecord(
                Path.GetFileName(path),
                Property(root, "config_source"),
                Property(root, "config_sha256"),
                Property(root, "effective_config_sha256"),
                rules,
                seed);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a summary.json or run file: {ex.Message}", ex);
        }
    }

    private static string Property(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? Text(value) : ReproducibilityManifest.Unknown;

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : ReproducibilityManifest.Unknown;
}
