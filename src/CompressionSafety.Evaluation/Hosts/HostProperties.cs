using System.Text.Json;

namespace CompressionSafety.Evaluation.Hosts;

/// <summary>Reads the <c>host</c> object of an <c>evaluation.json</c> as flat text properties.</summary>
public static class HostProperties
{
    /// <summary>The host of an evaluation file's root object; arrays become space-separated text.</summary>
    /// <param name="evaluation">The root of <c>evaluation.json</c>.</param>
    /// <returns>The properties, or null for files written before hosts were recorded (nothing is guessed).</returns>
    public static IReadOnlyDictionary<string, string>? Read(JsonElement evaluation)
    {
        if (evaluation.ValueKind != JsonValueKind.Object || !evaluation.TryGetProperty("host", out var host) || host.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in host.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Array => string.Join(' ', p.Value.EnumerateArray().Select(e => e.ToString())),
                _ => p.Value.GetRawText(),
            };
        }

        return result;
    }
}
