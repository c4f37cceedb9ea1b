using System.Globalization;
using System.Runtime.CompilerServices;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Ingestion;
using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Slicing;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics;

namespace CompressionSafety.Engine;

/// <summary>
/// The event-time window engine: counts valid records into tumbling windows per (model, variant, slice), joins
/// delayed labels, and emits a <see cref="WindowResult"/> per key when a window closes. It does no I/O and reads no
/// clock: time is the records' event time. Not thread-safe; one instance per stream (per Kafka partition).
/// </summary>
/// <remarks>
/// Stream time is the largest event time of a prediction seen so far, except that a prediction too far ahead of it
/// (<see cref="EngineOptions.MaxFutureSkew"/>) is refused as <c>future_timestamp</c> and never moves it, and it is
/// set only once two predictions agree (<see cref="FutureSkewGuard"/>). Windows are [start, end) aligned to the Unix
/// epoch. A window's traffic phase closes when stream time reaches end + grace (as Kafka Streams closes windows); a
/// prediction for a closed window is late. Its labelled statistics close when stream time reaches end + label horizon.
/// Label records do not move stream time: their timestamps say when a label was given, not when the event happened.
/// </remarks>
public sealed partial class WindowEngine
{
    private readonly EngineOptions _options;
    private readonly long _sizeTicks;
    private readonly long _graceTicks;
    private readonly long _labelHorizonTicks;
    private readonly SliceResolver _slices;
    private readonly EventIdDeduplicator _seen;
    private readonly SortedDictionary<long, OpenWindow> _windows = [];
    private readonly Dictionary<(string Model, string Variant, string Slice), WindowKey> _keys = [];
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LabelledPrediction> _pendingPredictions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingLabel> _pendingLabels = new(StringComparer.Ordinal);
    private readonly Queue<(long ExpiryTicks, string EventId)> _pendingLabelOrder = new();
    private readonly Dictionary<WindowKey, KeyHistory> _history = [];
    private readonly HashSet<string> _trackedFeatures = new(StringComparer.Ordinal);
    private readonly List<WindowResult> _results = [];
    private readonly double[] _probabilityEdges;
    private readonly FutureSkewGuard _future;
    private readonly Dictionary<string, HashSet<string>> _variantsByModel = new(StringComparer.Ordinal);
    private long _streamTicks = long.MinValue;

    // Hot-path caches, all derived from the state above (never snapshotted, rebuilt on demand after a restore):
    // a dense id per key, the resolved keys of recently seen (model, variant, segment) combinations, the window of
    // the previous record, and a lower bound of the stream time at which the next window phase closes.
    private readonly Dictionary<WindowKey, int> _keyIds = [];
    private readonly RouteCache _routes = new();
    private readonly List<KeyValuePair<string, double>> _recordFeatures = [];
    private readonly (string? Value, string Interned)[] _internedByIdentity = new (string?, string)[256];
    private OpenWindow? _lastWindow;
    private long _nextCloseTicks = long.MinValue;

    private readonly SnapshotComparison? _snapshot;

    /// <summary>Creates an engine; throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="snapshot">The latest revalidation baseline, compared with as reference <c>snapshot</c>; null for none.</param>
    public WindowEngine(EngineOptions options, BaselineSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid engine settings: " + string.Join("; ", errors), nameof(options));
        }

        _options = options;
        _sizeTicks = options.WindowSize.Ticks;
        _graceTicks = options.Grace.Ticks;
        _labelHorizonTicks = Math.Max(options.LabelHorizon.Ticks, options.Grace.Ticks);
        _slices = new SliceResolver(options);
        _seen = new EventIdDeduplicator(options.DedupHorizon, options.MaxTrackedEvents);
        _probabilityEdges = ProbabilityEdges(options.ProbabilityBins);
        _future = new FutureSkewGuard(options.MaxFutureSkew);
        _snapshot = snapshot is null ? null : new SnapshotComparison(snapshot);
    }

    /// <summary>Totals so far.</summary>
    public EngineCounters Counters { get; } = new();

    /// <summary>The largest prediction event time seen, or null before the first prediction.</summary>
    public DateTimeOffset? StreamTime => _streamTicks == long.MinValue ? null : new DateTimeOffset(_streamTicks, TimeSpan.Zero);

    /// <summary>Start of the oldest window that is still open in either phase, or null when none is. Records of this window and later may still change results.</summary>
    public DateTimeOffset? OldestOpenWindowStart =>
        _windows.Count == 0 ? null : new DateTimeOffset(_windows.Keys.First(), TimeSpan.Zero);

    /// <summary>The start of the window that <paramref name="eventTime"/> falls in.</summary>
    public DateTimeOffset WindowStartOf(DateTimeOffset eventTime) => new(WindowStartTicks(eventTime.UtcTicks), TimeSpan.Zero);

    /// <summary>Counts one valid record. Closed windows become available from <see cref="TakeResults"/>.</summary>
    /// <param name="record">The record.</param>
    /// <param name="now">
    /// The caller's clock, when it has one (the worker's injected <see cref="TimeProvider"/>): a record more than
    /// <see cref="EngineOptions.MaxFutureSkew"/> ahead of it is a future timestamp. Null for a replay of old logs.
    /// </param>
    public RecordOutcome Process(InferenceRecord record, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record switch
        {
            PredictionRecord prediction => ProcessPrediction(prediction, now),
            LabelRecord label => ProcessLabel(label, now),
            _ => throw new ArgumentException($"Unknown record type {record.GetType().Name}.", nameof(record)),
        };
    }

    /// <summary>A human-readable reason for a late prediction, for the dead-letter output.</summary>
    public Rejection DescribeLate(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var start = WindowStartOf(record.Timestamp);
        return new Rejection(
            RejectionCode.Late,
            "timestamp",
            string.Create(
                CultureInfo.InvariantCulture,
                $"window [{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}, {(start + _options.WindowSize).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}) closed when stream time reached its end + grace ({_options.Grace}); stream time is {StreamTime?.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}"));
    }

    /// <summary>The dead-letter reason of a record with outcome <see cref="RecordOutcome.FutureTimestamp"/>.</summary>
    public Rejection DescribeFuture(InferenceRecord record, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var time = record.Timestamp.UtcDateTime;
        var message = record.Timestamp > FutureSkewGuard.LatestEventTime
            ? string.Create(CultureInfo.InvariantCulture, $"timestamp {time:yyyy-MM-dd'T'HH:mm:ss'Z'} is after {FutureSkewGuard.LatestEventTime.UtcDateTime:yyyy-MM-dd}, the latest event time accepted")
            : now is { } n && record.Timestamp - n > _options.MaxFutureSkew
                ? string.Create(CultureInfo.InvariantCulture, $"timestamp {time:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} is more than max_future_skew ({_options.MaxFutureSkew}) ahead of the clock ({n.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'})")
                : string.Create(CultureInfo.InvariantCulture, $"timestamp {time:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} is more than max_future_skew ({_options.MaxFutureSkew}) ahead of stream time ({StreamTime?.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}); it does not move stream time");
        return new Rejection(RejectionCode.FutureTimestamp, "timestamp", message);
    }

    /// <summary>The dead-letter reason of a prediction with outcome <see cref="RecordOutcome.KeyOverflow"/>.</summary>
    public Rejection DescribeOverflow(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _variantsByModel.ContainsKey(record.Model)
            ? new Rejection(RejectionCode.TooManyVariants, "variant", string.Create(CultureInfo.InvariantCulture, $"model already has max_variants_per_model ({_options.MaxVariantsPerModel}) variants besides {_options.BaselineVariant}"))
            : new Rejection(RejectionCode.TooManyModels, "model", string.Create(CultureInfo.InvariantCulture, $"the stream already has max_models ({_options.MaxModels}) models"));
    }

    /// <summary>The dead-letter reason of a label with outcome <see cref="RecordOutcome.LabelLate"/>.</summary>
    public static Rejection LateLabel { get; } = new(
        RejectionCode.Late,
        "event_id",
        "label arrived after its prediction's labelled statistics closed (label horizon), or repeats an earlier label");

    /// <summary>Results of windows closed since the last call, in window order, keys sorted.</summary>
    public IReadOnlyList<WindowResult> TakeResults()
    {
        if (_results.Count == 0)
        {
            return [];
        }

        var taken = _results.ToArray();
        _results.Clear();
        return taken;
    }

    /// <summary>Closes every open window in both phases (end of input); labels still pending are counted as unmatched.</summary>
    public void Flush()
    {
        foreach (var window in _windows.Values.ToList())
        {
            if (!window.TrafficClosed)
            {
                CloseTraffic(window);
            }

            CloseLabels(window);
        }

        _windows.Clear();
        _lastWindow = null;
        _nextCloseTicks = long.MinValue;
        Counters.LabelsUnmatched += _pendingLabels.Count;
        _pendingLabels.Clear();
        _pendingLabelOrder.Clear();
    }

    private RecordOutcome ProcessPrediction(PredictionRecord record, DateTimeOffset? now)
    {
        var ticks = record.Timestamp.UtcTicks;
        if (_future.BeyondClock(ticks, now))
        {
            Counters.FutureTimestamps++;
            return RecordOutcome.FutureTimestamp;
        }

        if (_seen.Contains(record.EventId))
        {
            Counters.Duplicates++;
            return RecordOutcome.Duplicate;
        }

        var start = WindowStartTicks(ticks);
        if (_streamTicks != long.MinValue && start + _sizeTicks + _graceTicks <= _streamTicks)
        {
            _seen.TryAdd(record.EventId, record.Timestamp);
            Counters.Late++;
            return RecordOutcome.Late;
        }

        if (OverflowOf(record) is { } overflow)
        {
            if (overflow == RejectionCode.TooManyModels)
            {
                Counters.ModelOverflow++;
            }
            else
            {
                Counters.VariantOverflow++;
            }

            return RecordOutcome.KeyOverflow;
        }

        // Not remembered for de-duplication: a future record never entered a window.
        if (!_future.TryAdvance(ticks, _streamTicks, now, out var streamTicks))
        {
            Counters.FutureTimestamps++;
            return RecordOutcome.FutureTimestamp;
        }

        _seen.TryAdd(record.EventId, record.Timestamp);
        _streamTicks = streamTicks;
        var window = _lastWindow;
        if (window is null || window.StartTicks != start || window.TrafficClosed)
        {
            if (!_windows.TryGetValue(start, out window))
            {
                window = new OpenWindow(start, start + _sizeTicks);
                _windows.Add(start, window);
                _nextCloseTicks = Math.Min(_nextCloseTicks, window.EndTicks + _graceTicks);
            }

            _lastWindow = window;
        }

        var route = RouteOf(record);
        var facts = new RecordFacts(record, route.PositiveLabel, _options.ProbabilityBins, _options.LowConfidenceThreshold, TrackFeatures(record));
        var keys = route.Keys;
        for (var i = 0; i < keys.Length; i++)
        {
            window.TrafficOf(route.Ids[i], keys[i], _options, route.PositiveLabel).Add(in facts);
        }

        Counters.Accepted++;
        var labelled = new LabelledPrediction(
            start,
            keys,
            Intern(record.Prediction.Label),
            record.Prediction.ProbabilityOf(route.PositiveLabel) ?? double.NaN,
            record.Shadow is { } shadow ? Intern(shadow.Label) : null,
            ticks);
        if (record.Label is { } inline)
        {
            Counters.InlineLabels++;
            AddLabel(window, labelled, inline);
        }
        else if (_pendingLabels.Remove(record.EventId, out var early))
        {
            Counters.LabelsJoined++;
            AddLabel(window, labelled, early.Label);
        }
        else
        {
            _pendingPredictions[record.EventId] = labelled;
            window.PendingEventIds.Add(record.EventId);
        }

        Advance();
        return RecordOutcome.Accepted;
    }

    private RecordOutcome ProcessLabel(LabelRecord record, DateTimeOffset? now)
    {
        // A label's time does not move stream time, but it sets a pending label's expiry before stream time is known.
        if (_future.BeyondClock(record.Timestamp.UtcTicks, now))
        {
            Counters.FutureTimestamps++;
            return RecordOutcome.FutureTimestamp;
        }

        Counters.LabelRecords++;
        if (_pendingPredictions.Remove(record.EventId, out var prediction))
        {
            Counters.LabelsJoined++;
            AddLabel(_windows[prediction.WindowStartTicks], prediction, record.Label);
            return RecordOutcome.LabelJoined;
        }

        // A prediction still remembered for de-duplication but no longer waiting was already labelled or its
        // labelled statistics have closed; a label already waiting is a repeat.
        if (_seen.Contains(record.EventId) || _pendingLabels.ContainsKey(record.EventId))
        {
            Counters.LabelsLate++;
            return RecordOutcome.LabelLate;
        }

        var expiry = (_streamTicks == long.MinValue ? record.Timestamp.UtcTicks : _streamTicks) + _labelHorizonTicks;
        _pendingLabels.Add(record.EventId, new PendingLabel(Intern(record.Label), expiry));
        _pendingLabelOrder.Enqueue((expiry, record.EventId));
        EnforceTrackingCapacity();
        return RecordOutcome.LabelPending;
    }

    private void AddLabel(OpenWindow window, in LabelledPrediction prediction, string trueLabel)
    {
        var label = Intern(trueLabel);
        foreach (var key in prediction.Keys)
        {
            if (!window.Labels.TryGetValue(key, out var accumulator))
            {
                accumulator = new LabelAccumulator(_options, _options.PositiveLabelFor(key.Model));
                window.Labels.Add(key, accumulator);
            }

            accumulator.Add(prediction, label);
        }
    }

    private void Advance()
    {
        if (_streamTicks == long.MinValue)
        {
            // Stream time is not set until two predictions agree (FutureSkewGuard): nothing can close yet.
            EnforceTrackingCapacity();
            return;
        }

        while (_streamTicks >= _nextCloseTicks && _windows.Count > 0)
        {
            var progressed = false;
            foreach (var window in _windows.Values)
            {
                if (window.TrafficClosed)
                {
                    continue;
                }

                if (window.EndTicks + _graceTicks > _streamTicks)
                {
                    break;
                }

                CloseTraffic(window);
                progressed = true;
            }

            var oldest = _windows.Values.First();
            if (oldest.TrafficClosed && oldest.EndTicks + _labelHorizonTicks <= _streamTicks)
            {
                CloseLabels(oldest);
                _windows.Remove(oldest.StartTicks);
                progressed = true;
            }

            if (!progressed)
            {
                _nextCloseTicks = NextCloseTicks();
                break;
            }
        }

        _seen.Expire(new DateTimeOffset(_streamTicks, TimeSpan.Zero));
        while (_pendingLabelOrder.TryPeek(out var next) && next.ExpiryTicks <= _streamTicks)
        {
            _pendingLabelOrder.Dequeue();
            if (_pendingLabels.TryGetValue(next.EventId, out var pending) && pending.ExpiryTicks == next.ExpiryTicks)
            {
                _pendingLabels.Remove(next.EventId);
                Counters.LabelsUnmatched++;
            }
        }

        EnforceTrackingCapacity();
    }

    /// <summary>The stream time at which the next phase of an open window closes: the first traffic-open window's end + grace, or the oldest window's end + label horizon.</summary>
    private long NextCloseTicks()
    {
        var next = long.MaxValue;
        foreach (var window in _windows.Values)
        {
            if (!window.TrafficClosed)
            {
                next = Math.Min(next, window.EndTicks + _graceTicks);
                break;
            }
        }

        if (_windows.Count > 0)
        {
            next = Math.Min(next, _windows.Values.First().EndTicks + _labelHorizonTicks);
        }

        return next;
    }

    private void EnforceTrackingCapacity()
    {
        Counters.TrackingEvictions = _seen.ForgottenEarly;
        while (_pendingLabels.Count > _options.MaxTrackedEvents && _pendingLabelOrder.TryDequeue(out var oldest))
        {
            if (_pendingLabels.Remove(oldest.EventId))
            {
                Counters.LabelsUnmatched++;
            }
        }
    }

    private void CloseTraffic(OpenWindow window)
    {
        var traffic = window.Traffic!;
        var keys = traffic.Keys.ToList();
        keys.Sort(WindowKeyComparer.Instance);
        var start = new DateTimeOffset(window.StartTicks, TimeSpan.Zero);
        var end = new DateTimeOffset(window.EndTicks, TimeSpan.Zero);
        foreach (var key in keys)
        {
            var accumulator = traffic[key];
            var metrics = new MetricWriter();
            accumulator.WriteMetrics(metrics);
            var references = new List<ReferenceComparison>();
            var history = History(key);
            history.Anomalies.Observe(metrics.Values, metrics);
            if (!IsBaseline(key) && traffic.TryGetValue(key with { Variant = _options.BaselineVariant }, out var baseline))
            {
                var comparison = new MetricWriter();
                ReferenceMetrics.CompareTraffic(accumulator, baseline, comparison);
                ReferenceMetrics.UpdateSequence(history.FlaggedDifference, "flagged_rate_diff_cs", accumulator.Flagged, accumulator.FlaggedKnown, baseline.Flagged, baseline.FlaggedKnown, comparison);
                RateChanges.Update(history.RateChanges, accumulator, baseline, comparison);
                references.Add(new ReferenceComparison(ReferenceNames.Baseline, comparison.Values));
            }

            if (_snapshot is not null && _snapshot.TryFind(key, out var expected))
            {
                var comparison = new MetricWriter();
                _snapshot.CompareTraffic(expected, accumulator, _options.PositiveLabelFor(key.Model), comparison);
                references.Add(new ReferenceComparison(ReferenceNames.Snapshot, comparison.Values));
            }

            var drift = new MetricWriter();
            history.Input.Observe(accumulator, drift);
            if (!drift.IsEmpty)
            {
                references.Add(new ReferenceComparison(ReferenceNames.InputReference, drift.Values));
            }

            var histograms = new Dictionary<string, Histogram>(StringComparer.Ordinal)
            {
                ["positive_probability"] = new(_probabilityEdges, accumulator.PositiveHistogram),
                ["latency_ms"] = new(LogBinning.Latency.Edges, accumulator.LatencyHistogram) { Binning = LogBinning.Latency },
            };
            _results.Add(new WindowResult(key, WindowKind.Traffic, start, end, accumulator.Count, metrics.Values, references, histograms)
            {
                FirstEventTime = accumulator.Times.First,
                LastEventTime = accumulator.Times.Last,
            });
            Counters.WindowsClosed++;
        }

        window.CloseTraffic(keys);
    }

    private void CloseLabels(OpenWindow window)
    {
        foreach (var eventId in window.PendingEventIds)
        {
            _pendingPredictions.Remove(eventId);
        }

        var start = new DateTimeOffset(window.StartTicks, TimeSpan.Zero);
        var end = new DateTimeOffset(window.EndTicks, TimeSpan.Zero);
        foreach (var key in window.Keys!)
        {
            var accumulator = window.Labels.GetValueOrDefault(key) ?? new LabelAccumulator(_options, _options.PositiveLabelFor(key.Model));
            var metrics = new MetricWriter();
            accumulator.WriteMetrics(metrics);
            var references = new List<ReferenceComparison>();
            if (!IsBaseline(key) && window.Labels.TryGetValue(key with { Variant = _options.BaselineVariant }, out var baseline))
            {
                var comparison = new MetricWriter();
                ReferenceMetrics.CompareLabels(accumulator, baseline, comparison);
                ReferenceMetrics.UpdateSequence(History(key).UnsafeMissDifference, "unsafe_miss_rate_diff_cs", accumulator.Missed, accumulator.Positives, baseline.Missed, baseline.Positives, comparison);
                references.Add(new ReferenceComparison(ReferenceNames.Baseline, comparison.Values));
            }

            if (_snapshot is not null && _snapshot.TryFind(key, out var expected))
            {
                var comparison = new MetricWriter();
                SnapshotComparison.CompareLabels(expected, accumulator, comparison);
                if (!comparison.IsEmpty)
                {
                    references.Add(new ReferenceComparison(ReferenceNames.Snapshot, comparison.Values));
                }
            }

            var shadow = new MetricWriter();
            accumulator.WriteShadowComparison(shadow, History(key).ShadowDiscordance);
            if (!shadow.IsEmpty)
            {
                references.Add(new ReferenceComparison(ReferenceNames.Shadow, shadow.Values));
            }

            _results.Add(new WindowResult(key, WindowKind.Labels, start, end, accumulator.Labelled, metrics.Values, references, ReliabilityHistograms(accumulator.Calibration))
            {
                FirstEventTime = accumulator.Times.First,
                LastEventTime = accumulator.Times.Last,
            });
            Counters.WindowsClosed++;
        }
    }

    private KeyHistory History(WindowKey key)
    {
        if (!_history.TryGetValue(key, out var history))
        {
            history = new KeyHistory(_options);
            _history.Add(key, history);
        }

        return history;
    }

    private bool IsBaseline(WindowKey key) => IsBaseline(key.Variant);

    private bool IsBaseline(string variant) => string.Equals(variant, _options.BaselineVariant, StringComparison.Ordinal);

    /// <summary>
    /// The interned names, positive label, keys and key ids of the record's (model, variant, segment): resolved once
    /// per combination and then found by reference (the parser pools these strings). The model and variant are
    /// admitted under the caps on first resolution; later records of a resolved combination count the same slice
    /// overflows the first one did, as the resolver would (a value's slice never changes once given).
    /// </summary>
    private Route RouteOf(PredictionRecord record)
    {
        if (_routes.TryGet(record, out var route))
        {
            if (route.SliceOverflows > 0)
            {
                _slices.CountOverflow(route.SliceOverflows);
                Counters.SliceOverflow += route.SliceOverflows;
            }

            return route;
        }

        var model = Intern(record.Model);
        var variant = Intern(record.Variant);
        Admit(model, variant);
        var overflowBefore = _slices.OverflowCount;
        var slices = _slices.Resolve(record.Segment);
        var overflows = _slices.OverflowCount - overflowBefore;
        Counters.SliceOverflow += overflows;
        var keys = new WindowKey[slices.Count];
        var ids = new int[slices.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(model, variant, slices[i]);
            if (!_keyIds.TryGetValue(keys[i], out ids[i]))
            {
                ids[i] = _keyIds.Count;
                _keyIds.Add(keys[i], ids[i]);
            }
        }

        route = new Route(model, variant, _options.PositiveLabelFor(model), keys, ids, overflows);
        _routes.Add(record, route);
        return route;
    }

    /// <summary>
    /// Tracks the record's features under the feature cap and returns those that are tracked, in the record's order,
    /// or null when it has none; the list is reused by the next call. (Tracking one feature never changes whether
    /// another of the same record is tracked, so one pass does both.)
    /// </summary>
    private List<KeyValuePair<string, double>>? TrackFeatures(PredictionRecord record)
    {
        if (record.Input is not { Features.Count: > 0 } input)
        {
            return null;
        }

        _recordFeatures.Clear();
        foreach (var feature in input.Features)
        {
            if (_trackedFeatures.Contains(feature.Key))
            {
                _recordFeatures.Add(feature);
            }
            else if (_trackedFeatures.Count < _options.MaxFeatures)
            {
                _trackedFeatures.Add(Intern(feature.Key));
                _recordFeatures.Add(feature);
            }
            else
            {
                Counters.FeaturesIgnored++;
            }
        }

        return _recordFeatures;
    }

    private long WindowStartTicks(long ticks)
    {
        // Aligned to the Unix epoch, flooring for times before it.
        var sinceEpoch = ticks - DateTimeOffset.UnixEpoch.UtcTicks;
        var index = sinceEpoch >= 0 ? sinceEpoch / _sizeTicks : ((sinceEpoch + 1) / _sizeTicks) - 1;
        return DateTimeOffset.UnixEpoch.UtcTicks + (index * _sizeTicks);
    }

    /// <summary>Null when (model, variant) is kept or fits under the caps; otherwise which cap it is past.</summary>
    private RejectionCode? OverflowOf(PredictionRecord record)
    {
        if (!_variantsByModel.TryGetValue(record.Model, out var variants))
        {
            return _variantsByModel.Count < _options.MaxModels ? null : RejectionCode.TooManyModels;
        }

        return variants.Contains(record.Variant) || IsBaseline(record.Variant) || variants.Count(v => !IsBaseline(v)) < _options.MaxVariantsPerModel
            ? null
            : RejectionCode.TooManyVariants;
    }

    private void Admit(string model, string variant)
    {
        if (!_variantsByModel.TryGetValue(model, out var variants))
        {
            variants = new HashSet<string>(StringComparer.Ordinal);
            _variantsByModel.Add(model, variants);
        }

        variants.Add(variant);
    }

    private WindowKey Key(string model, string variant, string slice)
    {
        if (!_keys.TryGetValue((model, variant, slice), out var key))
        {
            key = new WindowKey(model, variant, slice);
            _keys.Add((model, variant, slice), key);
        }

        return key;
    }

    private string Intern(string value)
    {
        // The parser pools names and labels, so most calls see an instance met before: found by identity, no hashing of text.
        ref var cached = ref _internedByIdentity[RuntimeHelpers.GetHashCode(value) & (_internedByIdentity.Length - 1)];
        if (cached.Value is { } seen && ReferenceEquals(seen, value))
        {
            return cached.Interned;
        }

        var result = InternByText(value);
        cached = (value, result);
        return result;
    }

    private string InternByText(string value)
    {
        if (_strings.TryGetValue(value, out var interned))
        {
            return interned;
        }

        // Model, variant and label names are few; bound the pool anyway in case a producer puts ids there.
        if (_strings.Count < 100_000)
        {
            _strings.Add(value, value);
        }

        return value;
    }

    private static double[] ProbabilityEdges(int bins)
    {
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = (double)i / bins;
        }

        return edges;
    }

    /// <summary>
    /// The calibration bins with their sums, so a report can pool reliability diagrams over windows exactly; empty
    /// bins are kept so every window of a run has the same edges.
    /// </summary>
    private static Dictionary<string, Histogram> ReliabilityHistograms(CalibrationAccumulator calibration) =>
        new(StringComparer.Ordinal)
        {
            ["reliability"] = new(calibration.Edges, calibration.BinCounts)
            {
                ProbabilitySums = calibration.BinProbabilitySums,
                Positives = calibration.BinPositives,
            },
        };

    private readonly record struct PendingLabel(string Label, long ExpiryTicks);
}
