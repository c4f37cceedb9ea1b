using System.Globalization;
using System.Net;
using System.Text;
using static CompressionSafety.Reports.SvgCharts;

namespace CompressionSafety.Reports;

/// <summary>The reliability diagram and drift chart, in the style of <see cref="SvgCharts"/>.</summary>
internal static class ContentCharts
{
    /// <summary>Side of the square plot area, so the diagonal of perfect calibration is at 45 degrees.</summary>
    private const int Side = 300;
    private const int DiagramHeight = Top + Side + Bottom;
    private const string BaselineColor = "#1f77b4";
    private const string VariantColor = "#d62728";

    /// <summary>PSI reference lines: below 0.1 little change, above 0.25 a major shift (the usual reading of PSI).</summary>
    private static readonly double[] PsiLines = [0.1, 0.25];

    /// <summary>One reliability diagram: the variant's and the baseline's pooled bins on the same axes, with the diagonal.</summary>
    public static string Reliability(ReliabilityDiagram diagram)
    {
        var c = CultureInfo.InvariantCulture;
        var svg = Start(
            "chart-reliability-" + Id(diagram.Model + "-" + diagram.Variant),
            $"Reliability: {diagram.Model} {diagram.Variant} vs {diagram.Baseline} (slice all, pooled over the period)",
            DiagramHeight);
        double X(double p) => Left + (Side * p);
        double Y(double f) => Top + (Side * (1 - f));
        svg.Append(c, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Side}\" height=\"{Side}\" fill=\"none\" stroke=\"#555\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var v = i / 4.0;
            svg.Append(Text((int)X(v), Top + Side + 16, Format.Number(v), "middle"));
            svg.Append(Text(Left - 6, (int)Y(v) + 4, Format.Number(v), "end"));
        }

        svg.Append(c, $"<line class=\"diagonal\" x1=\"{X(0):0.#}\" y1=\"{Y(0):0.#}\" x2=\"{X(1):0.#}\" y2=\"{Y(1):0.#}\" stroke=\"#999\" stroke-dasharray=\"5 4\"><title>perfect calibration</title></line>");
        svg.Append(Text(Left + (Side / 2), Top + Side + 36, "mean predicted unsafe probability (1)", "middle"));
        svg.Append(c, $"<text x=\"14\" y=\"{Top + (Side / 2)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Top + (Side / 2)})\">observed unsafe frequency (1)</text>");
        var legendX = Left + Side + 30;
        Curve(svg, diagram.BaselineCurve, BaselineColor, X, Y);
        Curve(svg, diagram.VariantCurve, VariantColor, X, Y);
        svg.Append(Text(legendX, Top + 20, Legend(diagram.Baseline + " (baseline)", diagram.BaselineCurve), "start", BaselineColor));
        svg.Append(Text(legendX, Top + 40, Legend(diagram.Variant, diagram.VariantCurve), "start", VariantColor));
        svg.Append(Text(legendX, Top + 60, "dashed: perfect calibration", "start", "#777"));
        svg.Append(Text(legendX, Top + 80, "one point per non-empty bin", "start", "#777"));
        return End(svg);
    }

    /// <summary>PSI per window of each compressed variant against its baseline, with the 0.1 and 0.25 reference lines.</summary>
    public static string Drift(IReadOnlyList<DriftPoint> points)
    {
        var c = CultureInfo.InvariantCulture;
        var svg = Start("chart-drift", "Drift of the unsafe probability vs baseline over time (PSI, slice all)");
        if (points.Count == 0)
        {
            return End(svg.Append(Text(Width / 2, Height / 2, "no positive_probability_psi against the baseline in the period", "middle")));
        }

        var start = points.Min(p => p.WindowStart);
        var end = points.Max(p => p.WindowStart);
        var t0 = start.ToUnixTimeMilliseconds();
        var t1 = Math.Max(t0 + 1, end.ToUnixTimeMilliseconds());
        // At least up to 0.3 so the 0.25 reference line is always on the chart.
        var yTicks = ChartTicks.Values(0, Math.Max(0.3, points.Max(p => double.IsFinite(p.Psi) ? p.Psi : 0)) * 1.05);
        var yMax = yTicks[^1];
        double X(DateTimeOffset t) => Left + ((Width - Left - Right) * (t.ToUnixTimeMilliseconds() - t0) / (double)(t1 - t0));
        double Y(double v) => Top + ((Height - Top - Bottom) * (1 - (v / yMax)));
        Axes(svg, TimeTitle(start, end), "PSI (1, natural log)", yTicks, Y, Format.Number);
        TimeAxis(svg, start, end, X);
        foreach (var line in PsiLines)
        {
            svg.Append(c, $"<line class=\"psi-reference\" x1=\"{Left}\" y1=\"{Y(line):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(line):0.#}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
            svg.Append(Text(Width - Right + 4, (int)Y(line) + 4, "PSI " + Format.Number(line), "start", "#777"));
        }

        var index = 0;
        // The legend column is narrow: name the model only when there are several.
        var oneModel = points.Select(p => p.Model).Distinct(StringComparer.Ordinal).Count() == 1;
        foreach (var group in points.Where(p => double.IsFinite(p.Psi)).GroupBy(p => oneModel ? p.Variant : p.Model + "/" + p.Variant, StringComparer.Ordinal))
        {
            var color = Palette[index % Palette.Length];
            var series = group.ToList();
            svg.Append(c, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', series.Select(p => Pt(X(p.WindowStart), Y(p.Psi))))}\"/>");
            foreach (var p in series)
            {
                svg.Append(c, $"<circle cx=\"{X(p.WindowStart):0.#}\" cy=\"{Y(p.Psi):0.#}\" r=\"2\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(group.Key + " " + Format.Time(p.WindowStart) + ": PSI " + Format.Number(p.Psi))}</title></circle>");
            }

            svg.Append(SvgCharts.Legend(Top + 10 + (index * 18), group.Key, color));
            index++;
        }

        return End(svg);
    }

    /// <summary>An HTML id from model and variant names (letters, digits and dashes only).</summary>
    public static string Id(string text) =>
        string.Concat(text.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-'));

    private static void Curve(StringBuilder svg, ReliabilityCurve? curve, string color, Func<double, double> x, Func<double, double> y)
    {
        if (curve is null)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var bins = curve.Bins.Where(b => b.Count > 0).ToList();
        if (bins.Count > 1)
        {
            svg.Append(c, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', bins.Select(b => Pt(x(b.MeanProbability), y(b.ObservedFrequency))))}\"/>");
        }

        foreach (var b in bins)
        {
            var tip = string.Create(c, $"{curve.Variant} ({Format.Number(b.Lower)}, {Format.Number(b.Upper)}]: mean p {Format.Number(b.MeanProbability)}, observed {Format.Number(b.ObservedFrequency)}, n {b.Count}");
            svg.Append(c, $"<circle cx=\"{x(b.MeanProbability):0.#}\" cy=\"{y(b.ObservedFrequency):0.#}\" r=\"3\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(tip)}</title></circle>");
        }
    }

    private static string Legend(string name, ReliabilityCurve? curve) =>
        curve is null
            ? name + ": no labelled windows"
            : string.Create(CultureInfo.InvariantCulture, $"{name}: ECE {Format.Number(curve.Ece)}, n {curve.Count}");
}
