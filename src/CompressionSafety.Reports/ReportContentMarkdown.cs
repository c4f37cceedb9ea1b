using System.Globalization;
using System.Text;

namespace CompressionSafety.Reports;

/// <summary>The Markdown of the <see cref="ReportContent"/> sections (tables only; the charts are in the HTML).</summary>
internal static class ReportContentMarkdown
{
    public static string Warnings(RevalidationReport report)
    {
        if (report.Warnings.Count == 0)
        {
            return string.Empty;
        }

        var md = new StringBuilder("## Warnings\n\n");
        foreach (var warning in report.Warnings)
        {
            md.Append("- **").Append(Format.Md(warning)).Append("**\n");
        }

        return md.Append('\n').ToString();
    }

    public static string Sections(RevalidationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append("\n## Calibration (pooled reliability bins, slice all)\n\n| model | variant | variant ECE (n) | baseline | baseline ECE (n) |\n|---|---|---|---|---|\n");
        foreach (var d in report.Reliability)
        {
            md.Append(c, $"| {Format.Md(d.Model)} | {Format.Md(d.Variant)} | {Format.Number(d.VariantCurve.Ece)} ({d.VariantCurve.Count}) | {Format.Md(d.Baseline)} | {(d.BaselineCurve is { } b ? Format.Number(b.Ece) + " (" + b.Count.ToString(c) + ")" : "-")} |\n");
        }

        md.Append("\n## Drift against the baseline (positive_probability_psi per window, slice all)\n\n| model | variant | windows | max PSI | windows over 0.1 | windows over 0.25 |\n|---|---|---|---|---|---|\n");
        foreach (var g in report.Drift.GroupBy(p => (p.Model, p.Variant)))
        {
            md.Append(c, $"| {Format.Md(g.Key.Model)} | {Format.Md(g.Key.Variant)} | {g.Count()} | {Format.Number(g.Max(p => p.Psi))} | {g.Count(p => p.Psi > 0.1)} | {g.Count(p => p.Psi > 0.25)} |\n");
        }

        md.Append("\n## Harm by slice (unsafe miss and flagged rate, most harmful first)\n\n");
        md.Append("Harm: the bound of the 95% interval nearest zero in the harmful direction (an increase for unsafe misses, either direction for the flagged rate); positive means harmful at 95% confidence. Decisions come only from the evaluation gate and the incidents; this table is evidence for a reviewer.\n\n");
        md.Append("| variant | slice | rate | difference | 95% interval | harm | n variant / baseline |\n|---|---|---|---|---|---|---|\n");
        foreach (var x in report.SliceHarms)
        {
            var ch = x.Change;
            md.Append(c, $"| {Format.Md(ch.Variant)} | {Format.Md(ch.Slice)} | {Format.Md(ch.Metric)} | {Format.Points(ch.Difference)} | [{Format.Points(ch.Low)}, {Format.Points(ch.High)}] | {Format.Md(x.HarmfulDirection)} {Format.Points(x.Harm)} | {ch.VariantTrials} / {ch.BaselineTrials} |\n");
        }

        md.Append("\n## Resources (latency: pooled histogram percentiles, or the count-weighted mean of window percentiles for windows without a histogram)\n\n| model | variant | windows | latency n | pooling | p50 ms | p95 ms | p99 ms | max window p99 ms | model bytes |\n|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in report.Resources)
        {
            md.Append(c, $"| {Format.Md(r.Model)} | {Format.Md(r.Variant)} | {r.Windows} | {r.LatencyCount} | {Format.Md(r.Pooling)} | {ReportContentHtml.Ms(r.P50)} | {ReportContentHtml.Ms(r.P95)} | {ReportContentHtml.Ms(r.P99)} | {ReportContentHtml.Ms(r.MaxWindowP99)} | {(r.ModelBytes is { } bytes ? bytes.ToString(c) : "-")} |\n");
        }

        return md.ToString();
    }
}
