using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>Writes the <c>report.json</c> sections of <see cref="ReportContent"/> (docs/reports.md), keys in a fixed order.</summary>
internal static class ReportContentJson
{
    public static void WriteWarnings(Utf8JsonWriter w, RevalidationReport report)
    {
        w.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
    }

    public static void WriteSections(Utf8JsonWriter w, RevalidationReport report)
    {
        w.WriteStartArray("reliability");
        foreach (var d in report.Reliability)
        {
            w.WriteStartObject();
            w.WriteString("model", d.Model);
            w.WriteString("variant", d.Variant);
            w.WriteString("baseline", d.Baseline);
            w.WritePropertyName("variant_curve");
            WriteCurve(w, d.VariantCurve);
            w.WritePropertyName("baseline_curve");
            WriteCurve(w, d.BaselineCurve);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("drift_series");
        foreach (var p in report.Drift)
        {
            w.WriteStartObject();
            w.WriteString("model", p.Model);
            w.WriteString("variant", p.Variant);
            w.WriteString("window_start", Format.Time(p.WindowStart));
            w.WriteNumber("n", p.Count);
            ReportJson.WriteFinite(w, "positive_probability_psi", p.Psi);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("slice_harm");
        foreach (var h in report.SliceHarms)
        {
            var c = h.Change;
            w.WriteStartObject();
            w.WriteString("model", c.Model);
            w.WriteString("variant", c.Variant);
            w.WriteString("baseline", c.Baseline);
            w.WriteString("slice", c.Slice);
            w.WriteString("metric", c.Metric);
            w.WriteString("harmful_direction", h.HarmfulDirection);
            ReportJson.WriteFinite(w, "harm", h.Harm);
            ReportJson.WriteFinite(w, "difference", c.Difference);
            ReportJson.WriteFinite(w, "difference_low", c.Low);
            ReportJson.WriteFinite(w, "difference_high", c.High);
            w.WriteNumber("variant_n", c.VariantTrials);
            w.WriteNumber("baseline_n", c.BaselineTrials);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var r in report.Resources)
        {
            w.WriteStartObject();
            w.WriteString("model", r.Model);
            w.WriteString("variant", r.Variant);
            w.WriteNumber("windows", r.Windows);
            w.WriteNumber("latency_n", r.LatencyCount);
            w.WriteString("latency_pooling", r.Pooling);
            ReportJson.WriteFinite(w, "latency_p50_ms", r.P50);
            ReportJson.WriteFinite(w, "latency_p95_ms", r.P95);
            ReportJson.WriteFinite(w, "latency_p99_ms", r.P99);
            ReportJson.WriteFinite(w, "latency_p99_ms_max_window", r.MaxWindowP99);
            if (r.ModelBytes is { } bytes)
            {
                w.WriteNumber("model_bytes", bytes);
            }
            else
            {
                w.WriteNull("model_bytes");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCurve(Utf8JsonWriter w, ReliabilityCurve? curve)
    {
        if (curve is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("windows", curve.Windows);
        w.WriteNumber("n", curve.Count);
        ReportJson.WriteFinite(w, "ece", curve.Ece);
        w.WriteStartArray("bins");
        foreach (var b in curve.Bins)
        {
            w.WriteStartObject();
            w.WriteNumber("lower", b.Lower);
            w.WriteNumber("upper", b.Upper);
            w.WriteNumber("n", b.Count);
            w.WriteNumber("probability_sum", b.ProbabilitySum);
            w.WriteNumber("positives", b.Positives);
            ReportJson.WriteFinite(w, "mean_probability", b.MeanProbability);
            ReportJson.WriteFinite(w, "observed_frequency", b.ObservedFrequency);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
