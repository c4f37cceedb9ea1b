using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.Cli.Tests;

/// <summary>One parsed line of incidents.jsonl.</summary>
internal sealed record IncidentLine(string Id, string Rule, string Status, string Variant, string Slice, DateTimeOffset WindowStart)
{
    public string Model { get; init; } = "";

    public static List<IncidentLine> Read(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(Parse)];

    private static IncidentLine Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new IncidentLine(
            root.GetProperty("id").GetString()!,
            root.GetProperty("rule").GetString()!,
            root.GetProperty("status").GetString()!,
            root.GetProperty("variant").GetString()!,
            root.GetProperty("slice").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("window_start").GetString()!, CultureInfo.InvariantCulture))
        {
            Model = root.GetProperty("model").GetString()!,
        };
    }
}
