using System.Globalization;
using System.Net;
using System.Text;

namespace CompressionSafety.Reports;

/// <summary>The HTML of the <see cref="ReportContent"/> sections: warnings, calibration, drift, harm by slice, resources.</summary>
internal static class ReportContentHtml
{
    /// <summary>The warnings box, empty when there is nothing to warn about.</summary>
    public static string Warnings(RevalidationReport report)
    {
        if (report.Warnings.Count == 0)
        {
            return string.Empty;
        }

        var h = new StringBuilder("<section id=\"warnings\" class=\"warnings\"><h2>Warnings</h2><ul>");
        foreach (var warning in report.Warnings)
        {
            h.Append("<li>").Append(E(warning)).Append("</li>");
        }

        return h.Append("</ul></section>\n").ToString();
    }

    public static string Sections(RevalidationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        h.Append("<h2>Calibration: reliability diagrams</h2><p>Calibration bins of the labelled windows (slice all) summed over the period; ECE of the pooled bins.</p>");
        h.Append("<table><tr><th>model</th><th>variant</th><th>variant ECE (n)</th><th>baseline</th><th>baseline ECE (n)</th></tr>");
        foreach (var d in report.Reliability)
        {
            h.Append(c, $"<tr><td>{E(d.Model)}</td><td>{E(d.Variant)}</td><td>{Format.Number(d.VariantCurve.Ece)} ({d.VariantCurve.Count})</td><td>{E(d.Baseline)}</td><td>{(d.BaselineCurve is { } b ? Format.Number(b.Ece) + " (" + b.Count.ToString(c) + ")" : "-")}</td></tr>");
        }

        h.Append("</table>\n");
        if (report.Reliability.Count == 0)
        {
            h.Append("<p>No labelled windows with calibration bins in the period.</p>\n");
        }

        foreach (var d in report.Reliability)
        {
            h.Append(ContentCharts.Reliability(d)).Append('\n');
        }

        h.Append("<h2>Drift over time</h2><p>PSI of the unsafe probability histogram against the baseline per traffic window (slice all); dashed lines at 0.1 and 0.25.</p>\n");
        h.Append(ContentCharts.Drift(report.Drift)).Append('\n');
        h.Append("<h2>Harm by slice</h2><p>Every (variant, slice) change of the unsafe miss rate and the flagged rate against the baseline, pooled over the period, sorted by harm: the bound of the Newcombe 95% interval nearest zero in the harmful direction (an increase for unsafe misses, either direction for the flagged rate), largest first. The harm column names that direction and the bound, with the sign of harm: positive means the change is harmful at 95% confidence, negative means the interval reaches zero or the other side. Decisions come only from the evaluation gate and the incidents the alert rules raised; this table and its chart are evidence for a reviewer, not a decision.</p>");
        h.Append("<table><tr><th>variant</th><th>slice</th><th>rate</th><th>difference</th><th>95% interval</th><th>harm</th><th>n variant / baseline</th></tr>");
        foreach (var x in report.SliceHarms)
        {
            var ch = x.Change;
            h.Append(c, $"<tr><td>{E(ch.Variant)}</td><td>{E(ch.Slice)}</td><td>{E(ch.Metric)}</td><td>{Format.Points(ch.Difference)}</td><td>[{Format.Points(ch.Low)}, {Format.Points(ch.High)}]</td><td>{E(x.HarmfulDirection)} {Format.Points(x.Harm)}</td><td>{ch.VariantTrials} / {ch.BaselineTrials}</td></tr>");
        }

        h.Append("</table>\n<h2>Resources</h2><p>Latency of the traffic windows (slice all) over the period: percentiles of the summed latency histograms (pooling <i>histogram</i>, within one bin ratio, about 9 %, of the exact percentile); for windows written without that histogram, the count-weighted mean of the windows' percentiles, not a pooled percentile. The largest window p99 bounds the period's p99 from above. Model size from evaluation.json.</p>");
        h.Append("<table><tr><th>model</th><th>variant</th><th>windows</th><th>latency n</th><th>pooling</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max window p99 ms</th><th>model bytes</th></tr>");
        foreach (var r in report.Resources)
        {
            h.Append(c, $"<tr><td>{E(r.Model)}</td><td>{E(r.Variant)}</td><td>{r.Windows}</td><td>{r.LatencyCount}</td><td>{E(r.Pooling)}</td><td>{Ms(r.P50)}</td><td>{Ms(r.P95)}</td><td>{Ms(r.P99)}</td><td>{Ms(r.MaxWindowP99)}</td><td>{(r.ModelBytes is { } bytes ? bytes.ToString(c) : "-")}</td></tr>");
        }

        return h.Append("</table>\n").ToString();
    }

    internal static string Ms(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
