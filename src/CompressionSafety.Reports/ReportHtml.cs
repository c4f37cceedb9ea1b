using System.Globalization;
using System.Net;
using System.Text;

namespace CompressionSafety.Reports;

/// <summary>Writes <c>report.html</c>: one self-contained file (inline CSS and SVG), readable on screen, phone and paper.</summary>
public static class ReportHtml
{
    /// <summary>The page title, also checked by the browser test.</summary>
    public const string Title = "CompressionSafety revalidation report";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:960px;margin:auto;padding:1em;color:#222}" +
        "table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.3em;text-align:left}" +
        ".reject{background:#f8d7da}.needs-validation{background:#fff3cd}.pass{background:#d4edda}.not-evaluated{background:#e2e3e5}" +
        "svg{max-width:100%;height:auto;border:1px solid #eee;margin:.5em 0}code{font-size:.8em;word-break:break-all}" +
        ".warnings{background:#fff3cd;border:2px solid #d39e00;padding:0 1em}" +
        // On a narrow screen a wide table scrolls inside itself instead of widening the page; printed, tables stay whole.
        "@media (max-width:640px){body{padding:.5em}table{display:block;overflow-x:auto;font-size:.8em}}" +
        "@media print{svg,tr{page-break-inside:avoid}table{display:table}}";

    /// <summary>The report as HTML.</summary>
    public static string Write(RevalidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        h.Append(c, $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{Title}</title><style>{Style}</style></head><body>\n");
        h.Append(c, $"<h1>{Title}</h1><p>Period {E(ReportMarkdown.Period(report))}; generated {Format.Time(report.GeneratedAt)}.</p>\n");
        h.Append(ReportContentHtml.Warnings(report));
        h.Append("<h2>Decision</h2><table><tr><th>model</th><th>variant</th><th>decision</th><th>reasons</th></tr>");
        foreach (var d in report.Decisions)
        {
            h.Append(c, $"<tr class=\"{E(d.Decision)}\"><td>{E(d.Model)}</td><td>{E(d.Variant)}</td><td><b>{E(d.Decision)}</b></td><td>{string.Join("<br>", d.Reasons.Select(E))}</td></tr>");
        }

        var (headline, omitted) = ReportContent.Headline(report.Changes);
        h.Append(c, $"</table>\n<h2>What changed against the baseline</h2><p>Rates pooled over the period (flagged rate from traffic windows, unsafe miss and false flag rates from labelled windows); interval: Newcombe hybrid score 95%. Per variant and rate: overall (slice all) and the {ReportContent.HeadlineSlices} most harmful slices; the {omitted} other rows are under Harm by slice and in report.json.</p>");
        h.Append("<table><tr><th>rate</th><th>variant</th><th>slice</th><th>variant rate (n)</th><th>baseline rate (n)</th><th>difference</th><th>95% interval</th></tr>");
        foreach (var x in headline)
        {
            h.Append(c, $"<tr><td>{E(x.Metric)}</td><td>{E(x.Variant)}</td><td>{E(x.Slice)}</td><td>{Format.Percent(x.VariantRate)} ({x.VariantTrials})</td><td>{Format.Percent(x.BaselineRate)} ({x.BaselineTrials})</td><td>{Format.Points(x.Difference)}</td><td>[{Format.Points(x.Low)}, {Format.Points(x.High)}]</td></tr>");
        }

        h.Append("</table>\n<h2>Charts</h2>\n");
        h.Append(SvgCharts.RatesOverTime(report.Series, report.Incidents)).Append('\n');
        h.Append(SvgCharts.SliceDeltas(report.SliceHarms)).Append('\n');
        h.Append(ReportContentHtml.Sections(report));
        h.Append("<h2>Incidents</h2><table><tr><th>id</th><th>rule</th><th>severity</th><th>gate</th><th>variant</th><th>slice</th><th>firing since</th><th>resolved</th><th>evidence</th></tr>");
        foreach (var i in report.Incidents)
        {
            var evidence = i.EvidenceValue is { } v ? i.EvidenceMetric + " = " + Format.Evidence(i.EvidenceMetric, v) : i.EvidenceMetric;
            h.Append(c, $"<tr><td><code>{E(i.Id)}</code></td><td>{E(i.Rule)}</td><td>{E(i.Severity)}</td><td>{E(i.Gate)}</td><td>{E(i.Variant)}</td><td>{E(i.Slice)}</td><td>{Format.Time(i.FiringSince)}</td><td>{(i.ResolvedAt is { } r ? Format.Time(r) : "still firing")}</td><td>{E(evidence)}</td></tr>");
        }

        h.Append("</table>\n<h2>Exemplars for review</h2>");
        if (report.Exemplars.Count == 0)
        {
            h.Append(c, $"<p>{E(ReportMarkdown.NoExemplars)}</p>");
        }

        foreach (var x in report.Exemplars)
        {
            h.Append(c, $"<p>{E(x.Variant)}: <code>{E(x.Json)}</code></p>");
        }

        h.Append(c, $"\n<h2>Reproducibility manifest</h2><p>Tool version {E(report.ToolVersion)}; {report.WindowsUsed} windows; period {E(ReportMarkdown.Period(report))}.</p>");
        h.Append("<table><tr><th>role</th><th>file</th><th>records</th><th>sha256</th></tr>");
        foreach (var f in report.Inputs)
        {
            h.Append(c, $"<tr><td>{E(f.Role)}</td><td>{E(f.Name)}</td><td>{f.Records}</td><td><code>{f.Sha256}</code></td></tr>");
        }

        return h.Append("</table>\n").Append(ManifestText.Html(report.Reproducibility)).Append("\n</body></html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
