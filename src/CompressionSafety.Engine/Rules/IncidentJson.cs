using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.Engine.Rules;

/// <summary>The <c>incidents.jsonl</c> line of one state change (format in <c>docs/rules.md</c>).</summary>
public static class IncidentJson
{
    /// <summary>Writes <paramref name="incident"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(incident);
        var rule = incident.Rule;
        writer.WriteStartObject();
        writer.WriteString("id", incident.Id);
        writer.WriteString("rule", rule.Id);
        writer.WriteString("severity", rule.Severity.ToString().ToLowerInvariant());
        if (rule.Gate is null)
        {
            writer.WriteNull("gate");
        }
        else
        {
            writer.WriteString("gate", rule.Gate);
        }

        writer.WriteString("status", incident.Status == IncidentStatus.Firing ? "firing" : "resolved");
        writer.WriteBoolean("inhibited", incident.Inhibited);
        if (incident.InhibitedBy is { } inhibitor)
        {
            writer.WriteString("inhibited_by", inhibitor);
        }

        writer.WriteString("model", incident.Key.Model);
        writer.WriteString("variant", incident.Key.Variant);
        writer.WriteString("slice", incident.Key.Slice);
        writer.WriteString("window_start", Time(incident.WindowStart));
        writer.WriteString("window_end", Time(incident.WindowEnd));
        if (incident.FiringSince is { } since)
        {
            writer.WriteString("firing_since", Time(since));
        }

        writer.WriteString("summary", rule.Summary);
        if (rule.Runbook is not null)
        {
            writer.WriteString("runbook", rule.Runbook);
        }

        writer.WriteStartObject("labels");
        foreach (var (name, value) in rule.Labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        WriteEvidence(writer, incident.Evidence);
        writer.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter writer, IncidentEvidence evidence)
    {
        writer.WriteStartObject("evidence");
        writer.WriteString("metric", evidence.Metric);
        writer.WriteString("reference", evidence.Reference);
        Number(writer, "value", evidence.Value);
        Number(writer, "reference_value", evidence.ReferenceValue);
        Number(writer, "low", evidence.Low);
        Number(writer, "high", evidence.High);
        writer.WriteString("condition", evidence.Threshold);
        Map(writer, "conditions", evidence.Conditions);
        Map(writer, "samples", evidence.Samples);
        writer.WriteStartArray("windows");
        foreach (var window in evidence.Windows)
        {
            writer.WriteStringValue(Time(window));
        }

        writer.WriteEndArray();
        writer.WriteStartObject("event_time_range");
        writer.WriteString("start", Time(evidence.EventTimeStart));
        writer.WriteString("end", Time(evidence.EventTimeEnd));
        writer.WriteEndObject();
        writer.WriteString("rule_text", evidence.RuleText);
        writer.WriteEndObject();
    }

    private static void Map(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, double> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>RFC 3339 UTC with milliseconds, the form every output uses.</summary>
    internal static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
