using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>Writes <c>report.json</c>: every number of the report, keys in a fixed order.</summary>
public static class ReportJson
{
    /// <summary>The report as indented UTF-8 JSON.</summary>
    public static byte[] Write(RevalidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteString("generated_at", Format.Time(report.GeneratedAt));
            w.WriteString("tool_version", report.ToolVersion);
            ReportContentJson.WriteWarnings(w, report);
            w.WriteStartArray("decisions");
            foreach (var d in report.Decisions)
            {
                w.WriteStartObject();
                w.WriteString("model", d.Model);
                w.WriteString("variant", d.Variant);
                w.WriteString("decision", d.Decision);
                w.WriteString("evaluation_gate", d.EvaluationGate);
                w.WriteStartArray("reasons");
                d.Reasons.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("changes");
            foreach (var c in report.Changes)
            {
                w.WriteStartObject();
                w.WriteString("model", c.Model);
                w.WriteString("variant", c.Variant);
                w.WriteString("baseline", c.Baseline);
                w.WriteString("slice", c.Slice);
                w.WriteString("metric", c.Metric);
                w.WriteNumber("variant_successes", c.VariantSuccesses);
                w.WriteNumber("variant_n", c.VariantTrials);
                w.WriteNumber("baseline_successes", c.BaselineSuccesses);
                w.WriteNumber("baseline_n", c.BaselineTrials);
                w.WriteNumber("variant_rate", c.VariantRate);
                w.WriteNumber("baseline_rate", c.BaselineRate);
                w.WriteNumber("difference", c.Difference);
                w.WriteNumber("difference_low", c.Low);
                w.WriteNumber("difference_high", c.High);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("flagged_rate_series");
            foreach (var p in report.Series)
            {
                w.WriteStartObject();
                w.WriteString("model", p.Model);
                w.WriteString("variant", p.Variant);
                w.WriteString("window_start", Format.Time(p.WindowStart));
                w.WriteNumber("n", p.Count);
                WriteFinite(w, "rate", p.Rate);
                WriteFinite(w, "low", p.Low);
                WriteFinite(w, "high", p.High);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            ReportContentJson.WriteSections(w, report);
            w.WriteStartArray("incidents");
            foreach (var i in report.Incidents)
            {
                w.WriteStartObject();
                w.WriteString("id", i.Id);
                w.WriteString("rule", i.Rule);
                w.WriteString("severity", i.Severity);
                w.WriteString("gate", i.Gate);
                w.WriteString("model", i.Model);
                w.WriteString("variant", i.Variant);
                w.WriteString("slice", i.Slice);
                w.WriteString("status", i.Status);
                w.WriteString("firing_since", Format.Time(i.FiringSince));
                w.WriteString("resolved_at", i.ResolvedAt is { } r ? Format.Time(r) : null);
                w.WriteString("evidence_metric", i.EvidenceMetric);
                if (i.EvidenceValue is { } v)
                {
                    WriteFinite(w, "evidence_value", v);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("exemplars");
            foreach (var e in report.Exemplars)
            {
                w.WriteStartObject();
                w.WriteString("variant", e.Variant);
                w.WritePropertyName("exemplar");
                w.WriteRawValue(e.Json);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("manifest");
            w.WriteString("tool_version", report.ToolVersion);
            w.WriteString("period_start", report.PeriodStart is { } s ? Format.Time(s) : null);
            w.WriteString("period_end", report.PeriodEnd is { } e2 ? Format.Time(e2) : null);
            w.WriteNumber("windows_used", report.WindowsUsed);
            w.WriteStartArray("inputs");
            foreach (var f in report.Inputs)
            {
                w.WriteStartObject();
                w.WriteString("role", f.Role);
                w.WriteString("name", f.Name);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("records", f.Records);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            ManifestJson.WriteProperties(w, report.Reproducibility);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Writes a number, or null when it is not finite (JSON has no NaN or infinity).</summary>
    internal static void WriteFinite(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
