using System.Text.Json;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Notifications;

/// <summary>Builds Alertmanager's webhook body (version 4) for one group of incidents.</summary>
public static class AlertmanagerPayload
{
    /// <summary>The UTF-8 JSON body for <paramref name="incidents"/> (one group, sharing <paramref name="groupLabels"/>).</summary>
    public static byte[] Build(IReadOnlyList<Incident> incidents, IReadOnlyDictionary<string, string> groupLabels, string receiver)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(groupLabels);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            var labels = incidents.Select(i => i.Labels).ToList();
            w.WriteStartObject();
            w.WriteString("version", "4");
            w.WriteString("groupKey", "{}:{" + string.Join(",", groupLabels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\"")) + "}");
            w.WriteNumber("truncatedAlerts", 0);
            w.WriteString("status", incidents.Any(AlertText.IsFiring) ? "firing" : "resolved");
            w.WriteString("receiver", receiver);
            Map(w, "groupLabels", groupLabels);
            Map(w, "commonLabels", Common(labels));
            Map(w, "commonAnnotations", Common([.. incidents.Select(AlertText.Annotations)]));
            w.WriteString("externalURL", "");
            w.WriteStartArray("alerts");
            foreach (var incident in incidents)
            {
                w.WriteStartObject();
                w.WriteString("status", AlertText.IsFiring(incident) ? "firing" : "resolved");
                Map(w, "labels", incident.Labels);
                Map(w, "annotations", AlertText.Annotations(incident));
                w.WriteString("startsAt", AlertText.Time(incident.FiringSince ?? incident.WindowStart));
                w.WriteString("endsAt", AlertText.IsFiring(incident) ? AlertText.ZeroTime : AlertText.Time(incident.WindowEnd));
                w.WriteString("generatorURL", incident.Rule.Runbook ?? "");
                w.WriteString("fingerprint", incident.Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> Common(List<IReadOnlyDictionary<string, string>> sets)
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sets.Count == 0)
        {
            return common;
        }

        foreach (var (key, value) in sets[0])
        {
            if (sets.All(s => s.TryGetValue(key, out var v) && v == value))
            {
                common[key] = value;
            }
        }

        return common;
    }

    private static void Map(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, string>> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
