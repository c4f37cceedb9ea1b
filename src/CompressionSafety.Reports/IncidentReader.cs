using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>Folds <c>incidents.jsonl</c> state changes into one lifecycle per incident id.</summary>
internal static class IncidentReader
{
    public static IEnumerable<IncidentLifecycle> Lifecycles(IEnumerable<string> lines, DateTimeOffset? from, DateTimeOffset? to)
    {
        var byId = new SortedDictionary<string, IncidentLifecycle>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = Text(root, "id");
            var status = Text(root, "status");
            var windowEnd = Format.ParseTime(Text(root, "window_end"));
            var evidence = root.TryGetProperty("evidence", out var e) ? e : default;
            double? value = evidence.ValueKind == JsonValueKind.Object && evidence.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number
                ? v.GetDouble() : null;
            var metric = evidence.ValueKind == JsonValueKind.Object ? Text(evidence, "metric") : string.Empty;
            if (byId.TryGetValue(id, out var known))
            {
                byId[id] = known with { Status = status, ResolvedAt = status == "resolved" ? windowEnd : known.ResolvedAt };
                continue;
            }

            byId[id] = new IncidentLifecycle(
                id, Text(root, "rule"), Text(root, "severity"), Text(root, "gate"), Text(root, "model"), Text(root, "variant"), Text(root, "slice"),
                Format.ParseTime(Text(root, "firing_since")), status == "resolved" ? windowEnd : null, status, metric, value);
        }

        // An incident belongs to the period when its firing overlaps it.
        return byId.Values.Where(i => (to is null || i.FiringSince < to) && (from is null || i.ResolvedAt is null || i.ResolvedAt > from))
            .OrderBy(i => i.FiringSince).ThenBy(i => i.Id, StringComparer.Ordinal);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
