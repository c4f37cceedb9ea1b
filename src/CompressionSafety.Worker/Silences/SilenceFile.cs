using System.Text.Json;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Worker.Silences;

/// <summary>
/// Keeps the silences added through the API in a JSON file (<c>{"silences": [...]}</c>, each as the API writes it), so
/// they survive a restart. Written to a temporary file and renamed, so a crash never leaves half a file.
/// </summary>
internal static class SilenceFile
{
    /// <summary>The silences in <paramref name="path"/>; none when the file does not exist. Throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static IReadOnlyList<Silence> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Contracts.Utf8Bom.Skip(File.ReadAllBytes(path).AsMemory()));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("silences", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: expected an object with a 'silences' list");
            }

            var silences = new List<Silence>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var silence = SilenceJson.Parse(item, () => throw new InvalidDataException($"{path}: silences[{index}]: 'id' is required"), out var error);
                if (silence is null)
                {
                    throw new InvalidDataException($"{path}: silences[{index}]: {error}");
                }

                silences.Add(silence);
                index++;
            }

            return silences;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="silences"/>.</summary>
    public static void Save(string path, IReadOnlyList<Silence> silences)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("silences");
            foreach (var silence in silences)
            {
                SilenceJson.Write(writer, silence, state: null);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }
}
