using System.Globalization;
using System.Text.Json;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Notifications;

/// <summary>Builds Alertmanager's webhook body (version 4) for one group of incidents.</summary>
public static class AlertmanagerPayload
{
    // Alertmanager's zero time marks an alert that has not ended.
    private const string ZeroTime = "0001-01-01T00:00:00Z";

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
            w.WriteString("status", incidents.Any(IsFiring) ? "firing" : "resolved");
            w.WriteString("receiver", receiver);
            Map(w, "groupLabels", groupLabels);
            Map(w, "commonLabels", Common(labels));
            Map(w, "commonAnnotations", Common([.. incidents.Select(Annotations)]));
            w.WriteString("externalURL", "");
            w.WriteStartArray("alerts");
            foreach (var incident in incidents)
            {
                w.WriteStartObject();
                w.WriteString("status", IsFiring(incident) ? "firing" : "resolved");
                Map(w, "labels", incident.Labels);
                Map(w, "annotations", Annotations(incident));
                w.WriteString("startsAt", Time(incident.FiringSince ?? incident.WindowStart));
                w.WriteString("endsAt", IsFiring(incident) ? ZeroTime : Time(incident.WindowEnd));
                w.WriteString("generatorURL", incident.Rule.Runbook ?? "");
                w.WriteString("fingerprint", incident.Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Whether the receiver should see the alert as firing. An incident muted by a critical one on the same key is sent
    /// as resolved (ended at its window end) with an <c>inhibited_by</c> annotation, so the receiver stops paging for it;
    /// it is sent as firing again, same fingerprint, if it still fires when the critical incident resolves.
    /// </summary>
    private static bool IsFiring(Incident incident) => incident.Status == IncidentStatus.Firing && !incident.Inhibited;

    private static Dictionary<string, string> Annotations(Incident incident)
    {
        var e = incident.Evidence;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = incident.Rule.Summary,
            ["condition"] = e.Threshold,
            ["value"] = e.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "",
        };
        if (incident.Rule.Runbook is { } runbook)
        {
            annotations["runbook_url"] = runbook;
        }

        if (incident.InhibitedBy is { } inhibitor)
        {
            annotations["inhibited_by"] = inhibitor;
        }

        return annotations;
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

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
