using System.Text.Json;
using CompressionSafety.Evaluation.Hosts;

namespace CompressionSafety.Reports;

/// <summary>The suite hash, the per-variant model file hashes and the host of an <c>evaluation.json</c> (docs/evaluation.md).</summary>
internal static class EvaluationHashes
{
    public static (string SuiteSha256, IReadOnlyList<ModelFile> Models, IReadOnlyDictionary<string, string>? Host) Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var suite = root.TryGetProperty("suite_sha256", out var s) && s.GetString() is { Length: > 0 } text ? text : ReproducibilityManifest.Unknown;
            var models = new List<ModelFile>();
            foreach (var variant in root.GetProperty("variants").EnumerateArray())
            {
                models.Add(new ModelFile(
                    variant.GetProperty("name").GetString() ?? string.Empty,
                    variant.TryGetProperty("is_baseline", out var b) && b.ValueKind == JsonValueKind.True,
                    variant.TryGetProperty("file", out var f) ? f.GetString() ?? string.Empty : string.Empty,
                    variant.TryGetProperty("sha256", out var h) && h.GetString() is { Length: > 0 } hash ? hash : ReproducibilityManifest.Unknown));
            }

            return (suite, models, HostProperties.Read(root));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not an evaluation.json: {ex.Message}", ex);
        }
    }
}
