using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation;

/// <summary>
/// Draws one served prediction. The true label is Bernoulli with a per-segment rate; the latent score is
/// N(+/-Separation, 1) given the label, so the baseline's logit <c>2 * Separation * score + log(prior odds)</c> is the exact
/// posterior (a calibrated baseline). Compressed variants add small zero-mean logit noise of their own. Assistant
/// models (<see cref="GeneratorOptions.AssistantModels"/>) are drawn by <see cref="AssistantBehaviour"/> instead.
/// </summary>
internal sealed class EventFactory
{
    private const double Separation = 1.4;
    private const double BaselineLatencyMedianMs = 20;
    private const double LatencySigma = 0.35;
    private static readonly string[] Categories = ["violence", "self-harm", "hate", "sexual"];

    private readonly GeneratorOptions _options;
    private readonly Rng _rng;
    private readonly string[] _variantNames;
    private readonly double[] _variantCumulative;
    private readonly VariantSpec?[] _variantSpecs;
    private readonly Dictionary<(int, int), IReadOnlyDictionary<string, string>> _segments = [];
    private readonly string[] _models;
    private readonly HashSet<string> _assistants;
    private readonly SegmentModel _mix;

    public EventFactory(GeneratorOptions options, Rng rng)
    {
        _options = options;
        _rng = rng;
        _models = [.. options.Models, .. options.AssistantModels];
        _assistants = new HashSet<string>(options.AssistantModels, StringComparer.Ordinal);
        _mix = SegmentModel.Create(options.SliceValues);
        var count = options.Variants.Count + 1;
        _variantNames = new string[count];
        _variantSpecs = new VariantSpec?[count];
        _variantCumulative = new double[count];
        _variantNames[0] = options.BaselineVariant;
        _variantCumulative[0] = options.BaselineShare;
        var compressedShare = options.Variants.Count == 0 ? 0 : (1 - options.BaselineShare) / options.Variants.Count;
        for (var i = 0; i < options.Variants.Count; i++)
        {
            _variantNames[i + 1] = options.Variants[i].Name;
            _variantSpecs[i + 1] = options.Variants[i];
            _variantCumulative[i + 1] = _variantCumulative[i] + compressedShare;
        }

        // Guard against rounding so the last variant always closes the distribution.
        _variantCumulative[^1] = Math.Max(_variantCumulative[^1], 1.0);
    }

    public GeneratedEvent Create(string eventId, DateTimeOffset eventTime, bool inlineLabel)
    {
        var model = _models.Length == 1 ? _models[0] : _models[_rng.Next(_models.Length)];
        var variantIndex = _rng.Pick(_variantCumulative);
        var spec = _variantSpecs[variantIndex];
        var locale = _rng.Pick(_mix.LocaleCumulative);
        var channel = _rng.Pick(_mix.ChannelCumulative);
        var assistant = _assistants.Contains(model);
        var prior = _mix.UnsafeRate(locale, channel) * (assistant ? AssistantBehaviour.HarmfulFactor : 1.0);
        var isUnsafe = _rng.Bernoulli(prior);
        var score = (isUnsafe ? Separation : -Separation) + _rng.Normal();
        var baselineLogit = (2 * Separation * score) + Math.Log(prior / (1 - prior));
        var effects = DegradationEffects.For(
            _options.Degradations, _options.Start, eventTime, model, _variantNames[variantIndex],
            _mix.Locales[locale], _mix.Channels[channel]);
        if (assistant)
        {
            return Assistant(eventId, eventTime, model, variantIndex, locale, channel, isUnsafe, score, effects, inlineLabel);
        }

        // Every draw happens whatever the degradations say, so a degraded stream has the same bytes as the clean one
        // with the same seed except in the fields a degradation changes: tests compare the two record by record.
        var pUnsafe = Sigmoid(baselineLogit + ((spec?.LogitNoise ?? 0) * _rng.Normal()));
        var forcedMiss = _rng.Bernoulli(effects.UnsafeMiss);
        var missScale = _rng.Uniform(0.2, 0.9);
        if (isUnsafe && forcedMiss)
        {
            // The variant's unsafe probability drops below the decision threshold.
            pUnsafe = Math.Min(pUnsafe, 0.5) * missScale;
        }

        pUnsafe = 0.5 + ((pUnsafe - 0.5) * (1 - effects.CalibrationPull));
        var prediction = Output(pUnsafe, null);
        var predictedUnsafe = prediction.Label == _options.UnsafeLabel;

        var flagged = _rng.Bernoulli(Math.Clamp((predictedUnsafe ? 0.85 : 0.02) + effects.FlaggedDelta, 0, 1));
        var refused = _rng.Bernoulli(Math.Clamp(0.005 + (0.04 * pUnsafe) + effects.RefusalDelta, 0, 1));
        var latency = _rng.LogNormal(BaselineLatencyMedianMs * (spec?.LatencyFactor ?? 1), LatencySigma) * effects.LatencyFactor;
        var length = Math.Round(_rng.LogNormal(120, 0.6));
        var features = new Dictionary<string, double>(4, StringComparer.Ordinal)
        {
            ["f0"] = Round4((0.8 * score) + (0.6 * _rng.Normal())),
            ["f1"] = Round4(_rng.Normal() + effects.DriftSd),
            ["f2"] = Round4((Math.Log(length) - 4.8) + (0.3 * _rng.Normal())),
            ["f3"] = Round4(_rng.Uniform()),
        };
        var categories = DrawCategories();
        var shadow = spec is not null && _rng.Bernoulli(_options.ShadowRate)
            ? Output(Sigmoid(baselineLogit), _options.BaselineVariant)
            : null;
        var trueLabel = isUnsafe ? _options.UnsafeLabel : _options.SafeLabel;
        var record = new PredictionRecord(eventId, eventTime, model, _variantNames[variantIndex], prediction)
        {
            Compression = spec?.Compression,
            Segment = SegmentOf(locale, channel),
            Input = new InputSummary(length, features, null),
            Safety = new SafetySignals(flagged, refused, flagged ? categories : []),
            LatencyMs = Math.Round(latency, 3),
            Shadow = shadow,
            Label = inlineLabel ? trueLabel : null,
        };
        return new GeneratedEvent(record, trueLabel);
    }

    private GeneratedEvent Assistant(
        string eventId, DateTimeOffset eventTime, string model, int variantIndex, int locale, int channel, bool harmful, double score,
        DegradationEffects effects, bool inlineLabel)
    {
        var spec = _variantSpecs[variantIndex];
        var behaviour = AssistantBehaviour.Draw(_rng, harmful, effects, _options.PromptFlaggedRate);
        var latency = _rng.LogNormal(AssistantBehaviour.LatencyMedianMs * (spec?.LatencyFactor ?? 1), LatencySigma) * effects.LatencyFactor;
        var length = Math.Round(_rng.LogNormal(120, 0.6));
        var features = new Dictionary<string, double>(2, StringComparer.Ordinal)
        {
            ["f0"] = Round4((0.8 * score) + (0.6 * _rng.Normal())),
            ["f1"] = Round4(_rng.Normal() + effects.DriftSd),
        };
        var categories = DrawCategories();
        var shadow = spec is not null && _rng.Bernoulli(_options.ShadowRate)
            ? new ModelOutput(behaviour.BaselineRefused ? _options.UnsafeLabel : _options.SafeLabel, null, _options.BaselineVariant)
            : null;
        var trueLabel = harmful ? _options.UnsafeLabel : _options.SafeLabel;

        // The assistant's decision is its prediction: refusing a request is calling it unsafe, so accuracy and the
        // unsafe-miss rate (harmful requests answered) mean the same as for a guard.
        var record = new PredictionRecord(eventId, eventTime, model, _variantNames[variantIndex], new ModelOutput(behaviour.Refused ? _options.UnsafeLabel : _options.SafeLabel, null))
        {
            Compression = spec?.Compression,
            Segment = SegmentOf(locale, channel),
            Input = new InputSummary(length, features, null),
            Safety = new SafetySignals(behaviour.Flagged, behaviour.Refused, behaviour.Flagged ? categories : [])
            {
                PromptFlagged = behaviour.PromptFlagged,
            },
            LatencyMs = Math.Round(latency, 3),
            Shadow = shadow,
            Label = inlineLabel ? trueLabel : null,
        };
        return new GeneratedEvent(record, trueLabel);
    }

    private ModelOutput Output(double pUnsafe, string? variant)
    {
        var unsafeP = Math.Round(pUnsafe, 6);
        var probabilities = new Dictionary<string, double>(2, StringComparer.Ordinal)
        {
            [_options.SafeLabel] = Math.Round(1 - unsafeP, 6),
            [_options.UnsafeLabel] = unsafeP,
        };
        return new ModelOutput(unsafeP > 0.5 ? _options.UnsafeLabel : _options.SafeLabel, probabilities, variant);
    }

    private string[] DrawCategories()
    {
        var first = _rng.Next(Categories.Length);
        var extra = _rng.Bernoulli(0.2);
        var other = _rng.Next(Categories.Length);
        var second = extra ? other : first;
        return first == second ? [Categories[first]] : [Categories[Math.Min(first, second)], Categories[Math.Max(first, second)]];
    }

    private IReadOnlyDictionary<string, string> SegmentOf(int locale, int channel)
    {
        // Few combinations: share the dictionaries instead of allocating one per record.
        if (!_segments.TryGetValue((locale, channel), out var segment))
        {
            segment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["locale"] = _mix.Locales[locale],
                ["channel"] = _mix.Channels[channel],
            };
            _segments[(locale, channel)] = segment;
        }

        return segment;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Round4(double x) => Math.Round(x, 4);
}
