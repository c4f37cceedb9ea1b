using CompressionSafety.Statistics;

namespace CompressionSafety.Reports;

/// <summary>
/// The report sections beyond decisions and rate changes (docs/reports.md): reliability diagrams, drift over time,
/// per-slice harm, resource figures and warnings. Kept apart from <see cref="ReportBuilder"/> so each stays small.
/// </summary>
internal static class ReportContent
{
    private const string All = "all";
    private const string PsiMetric = "positive_probability_psi";

    /// <summary>The rates whose per-slice changes are ranked by harm.</summary>
    private static readonly string[] HarmRates = ["unsafe_miss_rate", "flagged_rate"];

    public static RevalidationReport Complete(
        RevalidationReport report, List<WindowLine> windows, Dictionary<string, string> baselines, EvaluationSummary evaluation, bool evaluationGiven)
    {
        var warnings = new List<string>();
        return report with
        {
            Reliability = Reliability(windows, baselines, warnings),
            Drift = Drift(windows, baselines),
            SliceHarms = SliceHarms(report.Changes),
            Resources = Resources(windows, evaluation),
            Warnings = [.. warnings, .. EvaluationWarnings(windows, evaluation, evaluationGiven)],
        };
    }

    public static List<ReliabilityDiagram> Reliability(List<WindowLine> windows, Dictionary<string, string> baselines, List<string> warnings)
    {
        var curves = new Dictionary<(string Model, string Variant), ReliabilityCurve>();
        var labelled = windows.Where(w => w.Kind == "labels" && w.Slice == All && w.Reliability is not null);
        foreach (var group in labelled.GroupBy(w => (w.Model, w.Variant)))
        {
            var first = group.First().Reliability!;
            var counts = new long[first.Counts.Length];
            var sums = new double[first.Counts.Length];
            var positives = new long[first.Counts.Length];
            var used = 0L;
            foreach (var bins in group.Select(w => w.Reliability!))
            {
                if (!bins.SameEdges(first))
                {
                    warnings.Add($"{group.Key.Model}/{group.Key.Variant}: a labelled window has other calibration bins than the first ({bins.Counts.Length} vs {first.Counts.Length}); it is left out of the reliability diagram.");
                    continue;
                }

                used++;
                for (var b = 0; b < counts.Length; b++)
                {
                    counts[b] += bins.Counts[b];
                    sums[b] += bins.ProbabilitySums[b];
                    positives[b] += bins.Positives[b];
                }
            }

            var pooled = Enumerable.Range(0, counts.Length)
                .Select(b => new ReliabilityBin(first.Edges[b], first.Edges[b + 1], counts[b], sums[b], positives[b]))
                .ToList();
            curves[group.Key] = new ReliabilityCurve(group.Key.Model, group.Key.Variant, used, counts.Sum(), Ece(pooled), pooled);
        }

        return curves.Values
            .Where(c => baselines.TryGetValue(c.Model, out var b) && b != c.Variant)
            .Select(c => new ReliabilityDiagram(c.Model, c.Variant, baselines[c.Model], c, curves.GetValueOrDefault((c.Model, baselines[c.Model]))))
            .OrderBy(d => d.Model, StringComparer.Ordinal).ThenBy(d => d.Variant, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>ECE of pooled bins, the definition of <c>CalibrationAccumulator.Ece</c> applied to summed bins.</summary>
    public static double Ece(IReadOnlyList<ReliabilityBin> bins) =>
        Calibration.ExpectedCalibrationError(
            bins.Select(b => b.Count).ToArray(), bins.Select(b => b.ProbabilitySum).ToArray(), bins.Select(b => (double)b.Positives).ToArray());

    public static List<DriftPoint> Drift(List<WindowLine> windows, Dictionary<string, string> baselines) =>
        windows
            .Where(w => w.Kind == "traffic" && w.Slice == All && baselines.TryGetValue(w.Model, out var b) && b != w.Variant
                && w.BaselineValues.ContainsKey(PsiMetric))
            .Select(w => new DriftPoint(w.Model, w.Variant, w.Start, w.BaselineValues[PsiMetric], (long)w.Metrics.GetValueOrDefault("count")))
            .OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Variant, StringComparer.Ordinal).ThenBy(p => p.WindowStart)
            .ToList();

    public static List<SliceHarm> SliceHarms(IEnumerable<RateChange> changes) =>
        changes
            .Where(c => HarmRates.Contains(c.Metric, StringComparer.Ordinal))
            .Select(Harm)
            .OrderByDescending(h => h.Harm).ThenByDescending(h => Math.Abs(h.Change.Difference))
            .ThenBy(h => h.Change.Model, StringComparer.Ordinal).ThenBy(h => h.Change.Variant, StringComparer.Ordinal)
            .ThenBy(h => h.Change.Slice, StringComparer.Ordinal).ThenBy(h => h.Change.Metric, StringComparer.Ordinal)
            .ToList();

    /// <summary>Slices shown per (model, variant, rate) in the "what changed" table besides <c>all</c>.</summary>
    public const int HeadlineSlices = 3;

    /// <summary>
    /// The "what changed" table: per (model, variant, rate) the <c>all</c> row and the <see cref="HeadlineSlices"/> most
    /// harmful slices, in the order of <paramref name="changes"/> (which ranks slices by harm). Every other slice is in
    /// the harm table and in report.json's <c>changes</c>.
    /// </summary>
    public static (List<RateChange> Shown, int Omitted) Headline(IReadOnlyList<RateChange> changes)
    {
        var shown = new List<RateChange>();
        var slicesSeen = new Dictionary<(string, string, string), int>();
        foreach (var change in changes)
        {
            var key = (change.Model, change.Variant, change.Metric);
            if (change.Slice == All)
            {
                shown.Add(change);
                continue;
            }

            var seen = slicesSeen.GetValueOrDefault(key);
            slicesSeen[key] = seen + 1;
            if (seen < HeadlineSlices)
            {
                shown.Add(change);
            }
        }

        return (shown, changes.Count - shown.Count);
    }

    /// <summary>
    /// How surely a change harms: the interval bound nearest zero in the harmful direction. Every rate here is
    /// harmful when it rises, except the flagged rate, where falling (unsafe traffic let through) harms as well.
    /// </summary>
    public static SliceHarm Harm(RateChange change) =>
        change.Metric == "flagged_rate" && change.Difference < 0
            ? new SliceHarm(change, "decrease", -change.High)
            : new SliceHarm(change, "increase", change.Low);

    public static List<ResourceFigures> Resources(List<WindowLine> windows, EvaluationSummary evaluation)
    {
        var figures = new List<ResourceFigures>();
        var traffic = windows.Where(w => w.Kind == "traffic" && w.Slice == All);
        foreach (var group in traffic.GroupBy(w => (w.Model, w.Variant)).OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Variant, StringComparer.Ordinal))
        {
            var timed = group.Where(w => w.Metrics.GetValueOrDefault("latency_count") > 0 && w.Metrics.ContainsKey("latency_p95_ms")).ToList();
            long? bytes = group.Key.Model == evaluation.Model && evaluation.FileBytes.TryGetValue(group.Key.Variant, out var b) ? b : null;
            if (timed.Count == 0 && bytes is null)
            {
                continue;
            }

            var n = timed.Sum(w => w.Metrics["latency_count"]);
            double Weighted(string metric) =>
                timed.Count == 0 ? double.NaN : timed.Sum(w => w.Metrics["latency_count"] * w.Metric(metric)) / n;

            // Histograms only when every window has one on the same bins: pooling part of the period would bias it.
            var pooled = timed.All(w => w.Latency is not null) ? LatencyHistogram.Pool(timed.ConvertAll(w => w.Latency!)) : null;
            figures.Add(new ResourceFigures(
                group.Key.Model,
                group.Key.Variant,
                timed.Count,
                (long)n,
                pooled is null ? ResourceFigures.MeanPooling : ResourceFigures.HistogramPooling,
                pooled?.Quantile(0.50) ?? Weighted("latency_p50_ms"),
                pooled?.Quantile(0.95) ?? Weighted("latency_p95_ms"),
                pooled?.Quantile(0.99) ?? Weighted("latency_p99_ms"),
                timed.Count == 0 ? double.NaN : timed.Max(w => w.Metric("latency_p99_ms")),
                bytes));
        }

        return figures;
    }

    /// <summary>
    /// Says when the evaluation names another model or other variants than the windows: its gates would otherwise be
    /// joined to nothing (or to the wrong rows) without a reader noticing.
    /// </summary>
    public static List<string> EvaluationWarnings(List<WindowLine> windows, EvaluationSummary evaluation, bool evaluationGiven)
    {
        var warnings = new List<string>();
        if (!evaluationGiven || windows.Count == 0)
        {
            return warnings;
        }

        var models = windows.Select(w => w.Model).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!models.Contains(evaluation.Model, StringComparer.Ordinal))
        {
            warnings.Add($"evaluation.json evaluates model '{evaluation.Model}' but the windows hold model(s) {Names(models)}: its gates, exemplars and model sizes belong to no monitored variant.");
            return warnings;
        }

        var monitored = windows.Where(w => w.Model == evaluation.Model).Select(w => w.Variant).Distinct().Order(StringComparer.Ordinal).ToList();
        var evaluated = evaluation.VariantNames.Distinct().Order(StringComparer.Ordinal).ToList();
        var onlyEvaluated = evaluated.Except(monitored, StringComparer.Ordinal).ToList();
        var onlyMonitored = monitored.Except(evaluated, StringComparer.Ordinal).ToList();
        if (onlyEvaluated.Count > 0)
        {
            warnings.Add($"evaluation.json evaluates variant(s) {Names(onlyEvaluated)} of model '{evaluation.Model}' that no window holds: their gates are shown but are not backed by production data.");
        }

        if (onlyMonitored.Count > 0)
        {
            warnings.Add($"variant(s) {Names(onlyMonitored)} of model '{evaluation.Model}' are monitored but not in evaluation.json: no evaluation gate or model size for them.");
        }

        return warnings;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
