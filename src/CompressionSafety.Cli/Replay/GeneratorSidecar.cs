using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Replay;

/// <summary>
/// <c>FILE.meta.json</c>, written by <c>generate</c> next to its output: the seed and the options that made the
/// stream, so <c>replay</c> can carry them into <c>summary.json</c> and the report can name the seed (docs/generate.md).
/// </summary>
internal static class GeneratorSidecar
{
    public const string Suffix = ".meta.json";

    public static string PathFor(string dataFile) => dataFile + Suffix;

    /// <summary>Writes the sidecar of <paramref name="dataFile"/>; the option texts are kept as given on the command line.</summary>
    public static void Write(string dataFile, string? labelsFile, GeneratorOptions options, IReadOnlyList<string> variantSpecs, IReadOnlyList<string> degradationSpecs)
    {
        using var stream = File.Create(PathFor(dataFile));
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var c = CultureInfo.InvariantCulture;
        w.WriteStartObject();
        w.WriteString("generator", "compression-safety generate");
        w.WriteString("tool_version", ToolVersion.Current);
        w.WriteNumber("seed", options.Seed);
        w.WriteNumber("records", options.Records);
        w.WriteString("start", options.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", c));
        w.WriteString("duration", options.Duration.ToString("c", c));
        WriteList(w, "models", options.Models);
        WriteList(w, "assistant_models", options.AssistantModels);
        w.WriteNumber("prompt_flagged_rate", options.PromptFlaggedRate);
        if (options.SliceValues is { } sliceValues)
        {
            w.WriteNumber("slice_values", sliceValues);
        }

        w.WriteString("baseline", options.BaselineVariant);
        WriteList(w, "variants", variantSpecs.Count > 0 ? variantSpecs : options.Variants.Select(v => v.Name).ToList());
        w.WriteNumber("baseline_share", options.BaselineShare);
        w.WriteNumber("shadow_rate", options.ShadowRate);
        w.WriteNumber("inline_label_rate", options.InlineLabelRate);
        w.WriteNumber("delayed_label_rate", options.DelayedLabelRate);
        w.WriteNumber("invalid_rate", options.InvalidRate);
        w.WriteNumber("duplicate_rate", options.DuplicateRate);
        w.WriteNumber("late_rate", options.LateRate);
        WriteList(w, "degradations", degradationSpecs);
        w.WriteString("labels_file", labelsFile is null ? null : Path.GetFileName(labelsFile));
        w.WriteEndObject();
    }

    /// <summary>The sidecar of <paramref name="dataFile"/> when there is a readable one; null otherwise.</summary>
    public static JsonElement? TryRead(string dataFile)
    {
        var path = PathFor(dataFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            // A damaged sidecar only loses the seed from the manifest ("unknown"); it must not stop the replay.
            return null;
        }
    }

    private static void WriteList(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
