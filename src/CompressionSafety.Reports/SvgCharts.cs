using System.Globalization;
using System.Net;
using System.Text;

namespace CompressionSafety.Reports;

/// <summary>Inline SVG charts drawn by the project, so the HTML needs no network and no image decoder.</summary>
internal static class SvgCharts
{
    internal const int Width = 720;
    internal const int Height = 320;
    internal const int Left = 70;
    internal const int Right = 150;
    internal const int Top = 40;
    internal const int Bottom = 50;
    internal static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>Flagged rate per window for each variant, with its 95% interval as a band and a marker where each incident fired.</summary>
    public static string RatesOverTime(IReadOnlyList<RatePoint> series, IReadOnlyList<IncidentLifecycle> incidents)
    {
        var svg = Start("chart-rates", "Flagged rate over time (slice all, 95% intervals)");
        if (series.Count == 0)
        {
            return End(svg.Append(Text(Width / 2, Height / 2, "no traffic windows in the period", "middle")));
        }

        var start = series.Min(p => p.WindowStart);
        var end = series.Max(p => p.WindowStart);
        var t0 = start.ToUnixTimeMilliseconds();
        var t1 = Math.Max(t0 + 1, end.ToUnixTimeMilliseconds());
        var yTicks = ChartTicks.Values(0, Math.Max(0.01, series.Max(p => double.IsFinite(p.High) ? p.High : p.Rate)) * 1.05);
        var yMax = yTicks[^1];
        double X(DateTimeOffset t) => Left + ((Width - Left - Right) * (t.ToUnixTimeMilliseconds() - t0) / (double)(t1 - t0));
        double Y(double v) => Top + ((Height - Top - Bottom) * (1 - (v / yMax)));
        Axes(svg, TimeTitle(start, end), "flagged rate (%)", yTicks, Y, Format.PercentTick);
        TimeAxis(svg, start, end, X);
        svg.Append(Text(Width - Right + 10, Height - Bottom, "dashed red: incident fired", "start", "#d62728"));
        foreach (var incident in incidents.Where(i => i.FiringSince.ToUnixTimeMilliseconds() >= t0 && i.FiringSince.ToUnixTimeMilliseconds() <= t1))
        {
            var x = X(incident.FiringSince);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"incident\" x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"><title>{WebUtility.HtmlEncode(incident.Id + " " + incident.Rule + " (" + incident.Variant + ", " + incident.Slice + ")")}</title></line>");
        }

        var index = 0;
        foreach (var group in series.GroupBy(p => p.Model + "/" + p.Variant, StringComparer.Ordinal))
        {
            var color = Palette[index % Palette.Length];
            var points = group.ToList();
            var band = points.Where(p => double.IsFinite(p.Low) && double.IsFinite(p.High)).ToList();
            if (band.Count > 1)
            {
                var outline = band.Select(p => Pt(X(p.WindowStart), Y(p.High)))
                    .Concat(band.AsEnumerable().Reverse().Select(p => Pt(X(p.WindowStart), Y(p.Low))));
                svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band\" fill=\"{color}\" fill-opacity=\"0.15\" stroke=\"none\" points=\"{string.Join(' ', outline)}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', points.Select(p => Pt(X(p.WindowStart), Y(p.Rate))))}\"/>");
            svg.Append(Legend(Top + 10 + (index * 18), group.Key, color));
            index++;
        }

        return End(svg);
    }

    /// <summary>Rows of the slice chart: enough for the worst cases, few enough to read; the table lists every row.</summary>
    private const int SliceRows = 30;

    /// <summary>
    /// Variant minus baseline unsafe miss and flagged rate per (variant, slice), pooled over the period, most harmful
    /// first (<see cref="SliceHarm.Harm"/>), with Newcombe intervals; red where the harm is significant.
    /// </summary>
    public static string SliceDeltas(IReadOnlyList<SliceHarm> harms)
    {
        var rows = harms.Take(SliceRows).ToList();
        var svg = Start("chart-slices", "Change vs baseline per variant and slice, most harmful first (pp, 95% Newcombe intervals)", 60 + (Math.Max(1, rows.Count) * 22) + Bottom);
        if (rows.Count == 0)
        {
            return End(svg.Append(Text(Width / 2, 80, "no per-slice comparisons in the period", "middle")));
        }

        var extent = Math.Max(0.001, rows.Max(h => Math.Max(Math.Abs(h.Change.Low), Math.Abs(h.Change.High))));
        const int labelWidth = 300;
        double X(double v) => labelWidth + ((Width - labelWidth - 30) * ((v / extent) + 1) / 2);
        var bottom = 60 + (rows.Count * 22);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(0):0.#}\" y1=\"{Top}\" x2=\"{X(0):0.#}\" y2=\"{bottom}\" stroke=\"#555\"/>");
        for (var i = 0; i < rows.Count; i++)
        {
            var c = rows[i].Change;
            var y = 60 + (i * 22);
            var color = rows[i].Harm > 0 ? "#d62728" : "#7f7f7f";
            svg.Append(Text(labelWidth - 8, y + 4, c.Variant + " / " + c.Slice + " / " + c.Metric, "end"));
            var x0 = Math.Min(X(0), X(c.Difference));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0:0.#}\" y=\"{y - 7}\" width=\"{Math.Abs(X(c.Difference) - X(0)):0.#}\" height=\"14\" fill=\"{color}\" fill-opacity=\"0.6\"><title>{WebUtility.HtmlEncode(Format.Points(c.Difference) + " [" + Format.Points(c.Low) + ", " + Format.Points(c.High) + "], n " + c.VariantTrials.ToString(CultureInfo.InvariantCulture) + " vs " + c.BaselineTrials.ToString(CultureInfo.InvariantCulture))}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(c.Low):0.#}\" y1=\"{y}\" x2=\"{X(c.High):0.#}\" y2=\"{y}\" stroke=\"#000\"/>");
        }

        svg.Append(Text((int)X(-extent), bottom + 20, Format.Points(-extent), "start"));
        svg.Append(Text((int)X(extent), bottom + 20, Format.Points(extent), "end"));
        svg.Append(Text(Width / 2, bottom + 38, "variant minus baseline rate (percentage points); red: harm significant at 95%", "middle"));
        return End(svg);
    }

    /// <summary>The axes, the value ticks (<see cref="ChartTicks.Values"/>) with light grid lines, and both axis titles.</summary>
    internal static void Axes(StringBuilder svg, string xLabel, string yLabel, IReadOnlyList<double> ticks, Func<double, double> y, Func<double, string> tick)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var v in ticks)
        {
            // Grid first, so the data is drawn over it.
            svg.Append(c, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y(v):0.#}\" x2=\"{Width - Right}\" y2=\"{y(v):0.#}\" stroke=\"#eee\"/>");
            svg.Append(c, $"<line x1=\"{Left - 4}\" y1=\"{y(v):0.#}\" x2=\"{Left}\" y2=\"{y(v):0.#}\" stroke=\"#555\"/>");
            svg.Append(Text(Left - 6, (int)Math.Round(y(v)) + 4, tick(v), "end"));
        }

        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#555\"/>");
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#555\"/>");

        svg.Append(Text((Width - Right + Left) / 2, Height - 2, xLabel, "middle"));
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Height / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Height / 2})\">{WebUtility.HtmlEncode(yLabel)}</text>");
    }

    /// <summary>Tick marks and labels of a time axis (<see cref="ChartTicks.Times"/>) for data from <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal static void TimeAxis(StringBuilder svg, DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, double> x)
    {
        var ticks = ChartTicks.Times(from, to);
        var labels = ChartTicks.TimeLabels(ticks, from, to);
        for (var i = 0; i < ticks.Count; i++)
        {
            var at = x(ticks[i]);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{at:0.#}\" y1=\"{Height - Bottom}\" x2=\"{at:0.#}\" y2=\"{Height - Bottom + 4}\" stroke=\"#555\"/>");
            svg.Append(Text((int)Math.Round(at), Height - Bottom + 16, labels[i], "middle"));
        }
    }

    /// <summary>The title of a time axis: names the day when the labels show only the time of day.</summary>
    internal static string TimeTitle(DateTimeOffset from, DateTimeOffset to) =>
        ChartTicks.OneDay(from, to)
            ? "event time (UTC, " + from.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")"
            : "event time (UTC)";

    internal static StringBuilder Start(string id, string title, int height = Height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"20\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">{WebUtility.HtmlEncode(title)}</text>");
        return svg;
    }

    internal static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    internal static string Pt(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}");

    /// <summary>
    /// A legend entry in the right-hand column: a name too long for the column (about 22 characters at 11 px, such as
    /// <c>toxicity-guard/distilled-sm</c>) is squeezed to the column's width instead of running off the chart.
    /// </summary>
    internal static string Legend(int y, string text, string color)
    {
        const int column = Right - 14;
        return text.Length * 6 <= column
            ? Text(Width - Right + 10, y, text, "start", color)
            : string.Create(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 10}\" y=\"{y}\" font-size=\"11\" fill=\"{color}\" text-anchor=\"start\" textLength=\"{column}\" lengthAdjust=\"spacingAndGlyphs\">{WebUtility.HtmlEncode(text)}</text>");
    }

    internal static string Text(int x, int y, string text, string anchor, string color = "#222") =>
        string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y}\" font-size=\"11\" fill=\"{color}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(text)}</text>");
}
