using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Hosts;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Suites;
using CompressionSafety.Evaluation.Tokenizing;
using CompressionSafety.Statistics;

namespace CompressionSafety.Evaluation.Running;

/// <summary>Re-runs the baseline and every variant of a registered model on a safety suite and gates each variant.</summary>
public static class Reevaluator
{
    /// <summary>Runs the re-evaluation.</summary>
    /// <param name="registry">The registry (paths already resolved by <see cref="RegistryStore.Read"/>).</param>
    /// <param name="suitePath">The suite file.</param>
    /// <param name="options">Run options.</param>
    /// <param name="time">Clock for latency and the result's timestamp.</param>
    /// <returns>The result.</returns>
    /// <exception cref="EvaluationException">A model or the suite cannot be used; the message says which and why.</exception>
    public static EvaluationResult Run(ModelRegistry registry, string suitePath, ReevaluationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var policy = registry.Gate ?? GatePolicy.Default;
        Gate.Validate(policy);
        var model = options.Model is null
            ? registry.Models[0]
            : registry.Models.FirstOrDefault(m => m.Name == options.Model)
                ?? throw new EvaluationException($"Model '{options.Model}' is not in the registry.");
        var needs = (model.ReadsFeatures ? SuiteNeeds.Features : SuiteNeeds.None) | (model.ReadsText ? SuiteNeeds.Text : SuiteNeeds.None);
        var suite = SuiteReader.Read(suitePath, labels: model.Labels, needs: needs);
        if (suite.Cases.Count == 0)
        {
            throw new EvaluationException($"Suite '{suitePath}' has no valid cases ({suite.Errors.Count} bad lines).");
        }

        // A declared shape fixes the feature count; otherwise the first valid case does. The model's input shape is
        // checked against it on load.
        var shape = model.Inputs!.FirstOrDefault(i => i.Source == InputSource.Features)?.Shape;
        var features = !model.ReadsFeatures ? 0 : shape?.Aggregate(1, (a, b) => a * b) ?? suite.Cases[0].Features.Length;
        var cases = suite.Cases.Where(c => !model.ReadsFeatures || c.Features.Length == features).ToList();
        var origin = shape is null ? "the suite's first case has" : $"the input's shape [{string.Join(", ", shape)}] takes";
        var errors = suite.Errors.Concat(suite.Cases.Where(c => model.ReadsFeatures && c.Features.Length != features)
            .Select(c => new SuiteError(c.Line, $"'features' has {c.Features.Length} values, {origin} {features}")))
            .OrderBy(e => e.Line).ToList();
        if (cases.Count == 0)
        {
            throw new EvaluationException($"Suite '{suitePath}' has no valid cases ({errors.Count} bad lines).");
        }

        var tokenizer = model.Tokenizer is null ? null : TextTokenizer.Create(model.Tokenizer);
        var encoded = EncodedCases.Create(cases, features, tokenizer);
        var expected = cases.Select(c => IndexOf(model.Labels, c.Expected)).ToArray();
        var positive = IndexOf(model.Labels, model.SafetyPositiveLabel);
        var scopes = Scopes(cases);

        var files = new[] { model.Baseline }.Concat(model.Variants).ToList();
        int[]? baselinePredicted = null;
        float[]? baselineProbabilities = null;
        List<SliceMetrics>? baselineMetrics = null;
        var results = new List<VariantEvaluation>();
        foreach (var file in files)
        {
            using var scorer = OnnxScorer.Open(model, file, encoded, options.IntraOpNumThreads);
            var (probabilities, elapsed) = scorer.Score(encoded, options.BatchSize, time, options.TimingPasses);
            OutputRows.ToProbabilities(probabilities, model.Labels.Count, model, file, cases);
            var predicted = ArgMax(probabilities, model.Labels.Count);
            baselinePredicted ??= predicted;
            baselineProbabilities ??= probabilities;
            var metrics = Measure(cases, scopes, expected, predicted, baselinePredicted, probabilities, model.Labels.Count, positive, options.HistogramBins);
            var isBaseline = baselineMetrics is null;
            baselineMetrics ??= metrics;
            var (gate, reasons) = isBaseline ? (GateDecision.Pass, []) : Gate.Evaluate(policy, baselineMetrics, metrics);
            var exemplars = Exemplars(cases, model, expected, baselinePredicted, predicted, baselineProbabilities, probabilities, positive);
            var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
            results.Add(new VariantEvaluation(
                file.Name, isBaseline, file.File, scorer.Sha256, file.Compression, scorer.FileBytes, scorer.SessionMemoryBytes,
                seconds * 1e6 / cases.Count, cases.Count / seconds, gate, reasons, metrics[0], metrics.Skip(1).ToList(),
                isBaseline ? null : Worst(baselineMetrics, metrics, policy.MinSliceCases), exemplars.Count, exemplars.Take(options.MaxExemplars).ToList(),
                predicted));
        }

        return new EvaluationResult(
            EvaluationResult.CurrentSchemaVersion, model.Name, model.Labels, model.SafetyPositiveLabel, suite.Sha256, cases.Count, errors,
            time.GetUtcNow(), options.ToolVersion, options.Seed, options.IntraOpNumThreads, options.BatchSize, results,
            HostProbe.Detect(options.IntraOpNumThreads, OnnxScorer.InterOpNumThreads), cases.Select(c => c.Id).ToList());
    }

    private static List<(string Name, Func<SuiteCase, bool> Member)> Scopes(List<SuiteCase> cases)
    {
        var scopes = new List<(string, Func<SuiteCase, bool>)> { ("all", _ => true) };
        var tags = cases.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal)
            .OrderBy(t => SuiteKinds.All.Contains(t) ? SuiteKinds.All.ToList().IndexOf(t) : int.MaxValue).ThenBy(t => t, StringComparer.Ordinal);
        scopes.AddRange(tags.Select(t => ($"tag={t}", (Func<SuiteCase, bool>)(c => c.Tags.Contains(t)))));
        var segments = cases.SelectMany(c => c.Slices).Distinct().OrderBy(kv => kv.Key, StringComparer.Ordinal).ThenBy(kv => kv.Value, StringComparer.Ordinal);
        scopes.AddRange(segments.Select(kv => ($"{kv.Key}={kv.Value}", (Func<SuiteCase, bool>)(c => c.Slices.TryGetValue(kv.Key, out var v) && v == kv.Value))));
        return scopes;
    }

    private static List<SliceMetrics> Measure(
        List<SuiteCase> cases, List<(string Name, Func<SuiteCase, bool> Member)> scopes, int[] expected, int[] predicted, int[] baselinePredicted,
        float[] probabilities, int labels, int positive, int bins)
    {
        var accumulators = scopes.Select(s => new SliceAccumulator(s.Name, labels, positive, bins)).ToArray();
        for (var n = 0; n < cases.Count; n++)
        {
            var row = probabilities.AsSpan(n * labels, labels);
            for (var s = 0; s < scopes.Count; s++)
            {
                if (scopes[s].Member(cases[n]))
                {
                    accumulators[s].Add(expected[n], predicted[n], baselinePredicted[n], row);
                }
            }
        }

        return accumulators.Select(a => a.ToMetrics()).ToList();
    }

    private static WorstSlice? Worst(List<SliceMetrics> baseline, List<SliceMetrics> variant, int minCases)
    {
        WorstSlice? worst = null;
        for (var s = 1; s < variant.Count; s++)
        {
            var (b, v) = (baseline[s], variant[s]);
            if (v.Cases < minCases || b.Accuracy is not { } ba || v.Accuracy is not { } va)
            {
                continue;
            }

            if (worst is null || ba - va > worst.Drop)
            {
                var ci = Proportions.NewcombeDifference(b.Correct, b.Cases, v.Correct, v.Cases);
                worst = new WorstSlice(v.Slice, v.Cases, ba, va, ba - va, ci.Low, ci.High);
            }
        }

        return worst;
    }

    private static List<CompressionExemplar> Exemplars(
        List<SuiteCase> cases, RegistryModel model, int[] expected, int[] baselinePredicted, int[] predicted, float[] baselineProbabilities, float[] probabilities, int positive)
    {
        var labels = model.Labels.Count;
        return Enumerable.Range(0, cases.Count)
            .Where(n => predicted[n] != baselinePredicted[n])
            .Select(n =>
            {
                var newUnsafeMiss = expected[n] == positive && baselinePredicted[n] == positive;
                var newError = baselinePredicted[n] == expected[n];
                var urgency = newUnsafeMiss ? 0 : newError ? 1 : 2;
                double baseScore = baselineProbabilities[(n * labels) + positive], score = probabilities[(n * labels) + positive];
                return (n, urgency, shift: Math.Abs(score - baseScore), baseScore, score);
            })
            .OrderBy(x => x.urgency).ThenByDescending(x => x.shift).ThenBy(x => cases[x.n].Id, StringComparer.Ordinal)
            .Select((x, rank) => new CompressionExemplar(
                rank + 1, cases[x.n].Id, cases[x.n].Line, cases[x.n].Expected, model.Labels[baselinePredicted[x.n]], model.Labels[predicted[x.n]],
                x.baseScore, x.score, cases[x.n].Tags, cases[x.n].Slices))
            .ToList();
    }

    private static int[] ArgMax(float[] probabilities, int labels)
    {
        var result = new int[probabilities.Length / labels];
        for (var n = 0; n < result.Length; n++)
        {
            var row = probabilities.AsSpan(n * labels, labels);
            var best = 0;
            for (var k = 1; k < labels; k++)
            {
                // Strictly greater: ties go to the first label, a stable, documented convention.
                best = row[k] > row[best] ? k : best;
            }

            result[n] = best;
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var k = 0; k < labels.Count; k++)
        {
            if (labels[k] == label)
            {
                return k;
            }
        }

        return -1;
    }
}
