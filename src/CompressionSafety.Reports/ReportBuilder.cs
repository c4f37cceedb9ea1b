using System.Globalization;
using System.Security.Cryptography;
using CompressionSafety.Statistics;

namespace CompressionSafety.Reports;

/// <summary>Builds a <see cref="RevalidationReport"/> from the monitor's output files (docs/reports.md).</summary>
public static class ReportBuilder
{
    private const string FlaggedRate = "flagged_rate";

    /// <summary>The decision of a variant that no evaluation and no alert rule looked at.</summary>
    public const string NotEvaluated = "not-evaluated";

    /// <summary>Evaluation reasons shown per variant; the decision must stay readable, the rest is in evaluation.json.</summary>
    private const int ReasonsShown = 3;

    /// <summary>The order rates appear in: traffic first, since every window has it, then the labelled harms.</summary>
    private static readonly string[] RateOrder = ["flagged_rate", "unsafe_miss_rate", "false_flag_rate"];

    /// <summary>Reads the inputs of <paramref name="request"/> and computes the report.</summary>
    /// <exception cref="InvalidDataException">An input line is not the documented JSON.</exception>
    public static RevalidationReport Build(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = new List<InputFile>();
        var windows = new List<WindowLine>();
        foreach (var file in request.WindowsFiles.Order(StringComparer.Ordinal))
        {
            var lines = ReadLines(file);
            inputs.Add(Describe("windows", file, lines.Count));
            windows.AddRange(lines.Select((line, i) => Parse(file, i, line))
                .Where(w => (request.From is null || w.Start >= request.From) && (request.To is null || w.End <= request.To)));
        }

        if (request.From >= request.To)
        {
            throw new ArgumentException($"the period is empty: --from {Format.Time(request.From.Value)} is not before --to {Format.Time(request.To!.Value)}");
        }

        if (windows.Count == 0)
        {
            // A report of nothing would read as a clean bill of health.
            throw new InvalidDataException(request.From is null && request.To is null
                ? "the windows files hold no windows: nothing to report"
                : $"no windows in the period [{(request.From is { } f ? Format.Time(f) : "start")}, {(request.To is { } t ? Format.Time(t) : "end")}): nothing to report");
        }

        // The worker's archive is at least once: a replay after a crash appends the same window again.
        windows = windows.DistinctBy(w => (w.Model, w.Variant, w.Slice, w.Kind, w.Start)).ToList();

        var incidents = new List<IncidentLifecycle>();
        var incidentLines = new List<string>();
        foreach (var file in (request.IncidentsFile is null ? [] : new[] { request.IncidentsFile }).Concat(request.MoreIncidentsFiles))
        {
            var lines = ReadLines(file);
            inputs.Add(Describe("incidents", file, lines.Count));
            incidentLines.AddRange(lines);
        }

        if (inputs.Any(i => i.Role == "incidents"))
        {
            incidents.AddRange(IncidentReader.Lifecycles(incidentLines, request.From, request.To));
        }

        foreach (var file in request.RunFiles.Order(StringComparer.Ordinal))
        {
            inputs.Add(Describe("run", file, 1));
        }

        var evaluation = EvaluationSummary.Empty;
        if (request.EvaluationFile is not null)
        {
            inputs.Add(Describe("evaluation", request.EvaluationFile, 1));
            evaluation = EvaluationSummary.Read(File.ReadAllText(request.EvaluationFile));
        }

        var traffic = windows.Where(w => w.Kind == "traffic").ToList();
        var baselines = Baselines(traffic);
        var changes = RateOrder.SelectMany(rate => Changes(windows, baselines, rate)).ToList();
        var series = traffic
            .Where(w => w.Slice == "all" && w.Trials(FlaggedRate) > 0)
            .Select(w => new RatePoint(w.Model, w.Variant, w.Start, w.Metric(FlaggedRate), w.Metric("flagged_rate_low"), w.Metric("flagged_rate_high"), w.Trials(FlaggedRate)))
            .OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Variant, StringComparer.Ordinal).ThenBy(p => p.WindowStart)
            .ToList();
        var manifest = ManifestBuilder.Build(request.RunFiles, request.EvaluationFile);
        var rulesRan = inputs.Any(i => i.Role == "incidents") || manifest.Runs.Any(r => r.RulesSha256 != ReproducibilityManifest.None);
        var decisions = Decisions(traffic, baselines, incidents, evaluation, rulesRan);
        var report = new RevalidationReport(
            request.GeneratedAt,
            request.ToolVersion,
            windows.Count == 0 ? null : windows.Min(w => w.Start),
            windows.Count == 0 ? null : windows.Max(w => w.End),
            windows.Count,
            decisions,
            changes,
            series,
            incidents,
            evaluation.Exemplars,
            inputs)
        {
            Reproducibility = manifest,
        };
        return ReportContent.Complete(report, windows, baselines, evaluation, request.EvaluationFile is not null);
    }

    /// <summary>The baseline of each model: the variant whose windows never carry a <c>baseline</c> comparison.</summary>
    private static Dictionary<string, string> Baselines(List<WindowLine> traffic)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in traffic.GroupBy(w => w.Model, StringComparer.Ordinal))
        {
            var baseline = model.GroupBy(w => w.Variant, StringComparer.Ordinal)
                .Where(v => v.All(w => !w.HasBaselineReference))
                .Select(v => v.Key)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (baseline is not null)
            {
                result[model.Key] = baseline;
            }
        }

        return result;
    }

    private static List<RateChange> Changes(List<WindowLine> windows, Dictionary<string, string> baselines, string rate)
    {
        var pooled = windows
            .Where(w => w.Trials(rate) > 0)
            .GroupBy(w => (w.Model, w.Variant, w.Slice))
            .ToDictionary(g => g.Key, g => (Successes: g.Sum(w => w.Successes(rate)), Trials: g.Sum(w => w.Trials(rate))));
        var changes = new List<RateChange>();
        foreach (var ((model, variant, slice), v) in pooled)
        {
            if (!baselines.TryGetValue(model, out var baseline) || baseline == variant
                || !pooled.TryGetValue((model, baseline, slice), out var b) || v.Trials == 0 || b.Trials == 0)
            {
                continue;
            }

            var interval = Proportions.NewcombeDifference(v.Successes, v.Trials, b.Successes, b.Trials);
            var vr = (double)v.Successes / v.Trials;
            var br = (double)b.Successes / b.Trials;
            changes.Add(new RateChange(model, variant, baseline, slice, rate, v.Successes, v.Trials, b.Successes, b.Trials, vr, br, vr - br, interval.Low, interval.High));
        }

        // Harm first: the slice "all" leads each variant, then the slices by the interval bound nearest zero in the
        // harmful direction (ReportContent.Harm), so a large but uncertain change does not outrank a sure one.
        return changes
            .OrderBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.Variant, StringComparer.Ordinal)
            .ThenBy(c => c.Slice == "all" ? 0 : 1).ThenByDescending(c => ReportContent.Harm(c).Harm).ThenBy(c => c.Slice, StringComparer.Ordinal)
            .ToList();
    }

    private static List<VariantDecision> Decisions(
        List<WindowLine> traffic, Dictionary<string, string> baselines, List<IncidentLifecycle> incidents, EvaluationSummary evaluation, bool rulesRan)
    {
        var variants = traffic.Select(w => (w.Model, w.Variant))
            .Concat(incidents.Select(i => (i.Model, i.Variant)))
            .Concat(evaluation.Gates.Keys.Select(v => (Model: evaluation.Model, Variant: v)))
            .Where(k => !baselines.TryGetValue(k.Model, out var b) || b != k.Variant)
            .Distinct()
            .OrderBy(k => k.Model, StringComparer.Ordinal).ThenBy(k => k.Variant, StringComparer.Ordinal);
        var decisions = new List<VariantDecision>();
        foreach (var (model, variant) in variants)
        {
            var reasons = new List<string>();
            var decision = "pass";
            // The evaluation names its own model; its gates apply only to that model's variants.
            var gate = model == evaluation.Model ? evaluation.Gates.GetValueOrDefault(variant) : null;
            if (gate is not null)
            {
                decision = Strictest(decision, gate);
                reasons.Add("evaluation gate: " + gate);
                var evaluationReasons = evaluation.Reasons.GetValueOrDefault(variant) ?? [];
                reasons.AddRange(evaluationReasons.Take(ReasonsShown));
                if (evaluationReasons.Count > ReasonsShown)
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"... and {evaluationReasons.Count - ReasonsShown} more reasons in evaluation.json"));
                }
            }

            foreach (var incident in incidents.Where(i => i.Model == model && i.Variant == variant && i.Gate is "reject" or "needs-validation"))
            {
                decision = Strictest(decision, incident.Gate);
                reasons.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"incident {incident.Id} ({incident.Rule}, slice {incident.Slice}) fired since {Format.Time(incident.FiringSince)}: gate {incident.Gate}"));
            }

            if (reasons.Count == 0 && !rulesRan)
            {
                // Neither an evaluation nor alert rules looked at this variant: there is no evidence it passes.
                decision = NotEvaluated;
                reasons.Add("no evaluation gate for this variant, and no alert rules ran over the period (no incidents file, no run with rules)");
            }
            else if (reasons.Count == 0)
            {
                reasons.Add("no evaluation gate for this variant and no gating incident fired in the period");
            }

            decisions.Add(new VariantDecision(model, variant, decision, gate, reasons));
        }

        return decisions;
    }

    private static WindowLine Parse(string file, int index, string line)
    {
        try
        {
            return WindowLine.Parse(line);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{file}: window {index + 1}: {ex.Message}", ex);
        }
    }

    private static string Strictest(string a, string b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(string gate) => gate switch
    {
        "reject" => 2,
        "needs-validation" => 1,
        _ => 0,
    };

    private static List<string> ReadLines(string path) =>
        File.ReadAllLines(path).Where(line => !string.IsNullOrWhiteSpace(line)).ToList();

    private static InputFile Describe(string role, string path, long records) =>
        new(role, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), records);
}
