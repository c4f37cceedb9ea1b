using System.Globalization;
using System.Text;

namespace CompressionSafety.Reports;

/// <summary>Writes <c>report.md</c> for pull requests and tickets: the same sections as the HTML, without charts.</summary>
public static class ReportMarkdown
{
    /// <summary>What the exemplar section says when the report has none.</summary>
    internal const string NoExemplars =
        "None in this report: Compression Identified Exemplars (suite inputs on which a compressed variant and its baseline disagree) come from a re-evaluation; pass --evaluation DIR with the folder of an evaluation.json.";

    /// <summary>The report as Markdown (LF line ends).</summary>
    public static string Write(RevalidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append("# Revalidation report\n\n");
        md.Append(c, $"Period {Period(report)}; generated {Format.Time(report.GeneratedAt)}.\n\n");
        md.Append(ReportContentMarkdown.Warnings(report));
        md.Append("## Decision\n\n| model | variant | decision | reasons |\n|---|---|---|---|\n");
        foreach (var d in report.Decisions)
        {
            md.Append(c, $"| {Format.Md(d.Model)} | {Format.Md(d.Variant)} | **{d.Decision}** | {Format.Md(string.Join("; ", d.Reasons))} |\n");
        }

        var (headline, omitted) = ReportContent.Headline(report.Changes);
        md.Append("\n## What changed against the baseline (rates pooled over the period)\n\n");
        md.Append(c, $"Per variant and rate: overall (slice all) and the {ReportContent.HeadlineSlices} most harmful slices; the {omitted} other rows are under Harm by slice and in report.json.\n\n");
        md.Append("| rate | variant | slice | variant rate (n) | baseline rate (n) | difference | 95% interval |\n|---|---|---|---|---|---|---|\n");
        foreach (var x in headline)
        {
            md.Append(c, $"| {Format.Md(x.Metric)} | {Format.Md(x.Variant)} | {Format.Md(x.Slice)} | {Format.Percent(x.VariantRate)} ({x.VariantTrials}) | {Format.Percent(x.BaselineRate)} ({x.BaselineTrials}) | {Format.Points(x.Difference)} | [{Format.Points(x.Low)}, {Format.Points(x.High)}] |\n");
        }

        md.Append(ReportContentMarkdown.Sections(report));
        md.Append("\n## Incidents\n\n| id | rule | severity | gate | variant | slice | firing since | resolved | status |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var i in report.Incidents)
        {
            md.Append(c, $"| {Format.Md(i.Id)} | {Format.Md(i.Rule)} | {Format.Md(i.Severity)} | {Format.Md(i.Gate)} | {Format.Md(i.Variant)} | {Format.Md(i.Slice)} | {Format.Time(i.FiringSince)} | {(i.ResolvedAt is { } r ? Format.Time(r) : "-")} | {Format.Md(i.Status)} |\n");
        }

        md.Append(c, $"\n## Exemplars\n\n{(report.Exemplars.Count == 0 ? NoExemplars : $"{report.Exemplars.Count} exemplars (see report.json).")}\n");
        md.Append("\n## Reproducibility manifest\n\n");
        md.Append(c, $"Tool version {report.ToolVersion}; {report.WindowsUsed} windows; period {Period(report)}.\n\n");
        md.Append("| role | file | records | sha256 |\n|---|---|---|---|\n");
        foreach (var f in report.Inputs)
        {
            md.Append(c, $"| {Format.Md(f.Role)} | {Format.Md(f.Name)} | {f.Records} | `{f.Sha256}` |\n");
        }

        md.Append(ManifestText.Markdown(report.Reproducibility));

        return md.ToString();
    }

    internal static string Period(RevalidationReport report) =>
        report.PeriodStart is { } s && report.PeriodEnd is { } e ? Format.Time(s) + " to " + Format.Time(e) : "(no windows)";

}
