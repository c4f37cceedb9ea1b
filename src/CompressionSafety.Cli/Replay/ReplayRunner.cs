using System.Text.Json;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Files;

namespace CompressionSafety.Cli.Replay;

/// <summary>
/// Runs the engine over one input file (and optionally a labels file), writing the output folder. The two files are
/// merged by timestamp, as they would interleave on two Kafka topics; invalid lines are dead-lettered where they stand.
/// </summary>
internal sealed class ReplayRunner(ReplaySettings settings, TimeProvider time, BaselineSnapshot? snapshot = null)
{
    private readonly Dictionary<string, long> _deadLetteredByReason = new(StringComparer.Ordinal);
    private long _recordsRead;
    private long _blankLines;
    private long _predictions;
    private long _labels;
    private DateTimeOffset? _firstEvent;
    private DateTimeOffset? _lastEvent;

    /// <summary>Called with every window result as it is written.</summary>
    public Action<Engine.Windows.WindowResult>? OnWindow { get; init; }

    /// <summary>Alert rules to evaluate on every window; null for none (no incidents.jsonl or review.jsonl).</summary>
    public Engine.Rules.RuleSet? Rules { get; init; }

    /// <summary>Also receives every incident state change (for example the webhook notifier).</summary>
    public Engine.Rules.IIncidentSink? Notifier { get; init; }

    /// <summary>Incidents published (after inhibition and silences), in order.</summary>
    public IReadOnlyList<Engine.Rules.Incident> Incidents => _incidents;

    private readonly List<Engine.Rules.Incident> _incidents = [];
    private MonitorPipeline<LineOrigin>? _pipeline;

    /// <summary>SHA-256 of the rule folder (<see cref="Engine.Reproducibility.RuleSetHash"/>), written into summary.json with the rules.</summary>
    public string? RulesSha256 { get; init; }

    /// <summary>Called about twice a second with the records read so far (for a progress display).</summary>
    public Action<ReplayProgress>? Progress { get; init; }

    public async Task<ReplayResult> RunAsync(string inputPath, string? labelsPath, string outputDirectory, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var engine = new WindowEngine(settings.Engine, snapshot);
        var keys = new HashSet<Engine.Windows.WindowKey>();
        await using var output = new OutputFolder(outputDirectory);
        using var input = new Source(new ParsedLines(new JsonLinesReader(inputPath, settings.Parser.MaxRecordBytes), settings.Parser));
        using var labels = labelsPath is null ? null : new Source(new ParsedLines(new JsonLinesReader(labelsPath, settings.Parser.MaxRecordBytes), settings.Parser));
        using var incidentFile = Rules is null ? null : new IncidentFileSink(Path.Combine(outputDirectory, "incidents.jsonl"));
        using var review = Rules is null ? null : new ReviewFileWriter(Path.Combine(outputDirectory, "review.jsonl"));
        var outputs = new OutputFanOut<LineOrigin>(
        [
            new FolderOutput(this, output, keys),
            incidentFile is null ? null : new IncidentSinkOutput<LineOrigin>(incidentFile),
            review is null ? null : new ReviewOutput(review),
            Notifier is null ? null : new IncidentSinkOutput<LineOrigin>(Notifier),
            OnWindow is null ? null : new WindowCallbackOutput(OnWindow),
        ]);
        var pipeline = MonitorPipeline.Create(engine, Rules, settings.Engine, settings.Parser, outputs);
        _pipeline = pipeline;

        try
        {
            ReadAll(pipeline, input, labels, started, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{ex.Message}; {_recordsRead:N0} records were read before it, the outputs in {outputDirectory} are incomplete and summary.json was not written"), ex);
        }

        pipeline.Flush();

        var elapsed = time.GetElapsedTime(started);
        var result1 = new ReplayResult(_recordsRead, output.DeadLetterCount, output.WindowCount, keys.Count, elapsed, engine.Counters);
        output.WriteSummary(writer => WriteSummary(writer, result1, inputPath, labelsPath));
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result1;
    }

    private void ReadAll(MonitorPipeline<LineOrigin> pipeline, Source input, Source? labels, long started, CancellationToken cancellationToken)
    {
        var lastProgress = started;
        input.Advance(this);
        labels?.Advance(this);
        while (input.HasRecord || (labels?.HasRecord ?? false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = labels is null || !labels.HasRecord || (input.HasRecord && input.Record!.Timestamp <= labels.Record!.Timestamp)
                ? input
                : labels;
            Count(source.Record!, pipeline.Process(source.Record!, source.Origin));
            source.Advance(this);
            if (Progress is not null && time.GetElapsedTime(lastProgress).TotalMilliseconds >= 500)
            {
                lastProgress = time.GetTimestamp();
                Progress(new ReplayProgress(_recordsRead, time.GetElapsedTime(started), pipeline.Engine.Counters.WindowsClosed));
            }
        }
    }

    private void Count(InferenceRecord record, RecordOutcome outcome)
    {
        if (record is PredictionRecord)
        {
            _predictions++;
        }
        else
        {
            _labels++;
        }

        if (record is PredictionRecord && outcome is not (RecordOutcome.Late or RecordOutcome.FutureTimestamp or RecordOutcome.KeyOverflow))
        {
            _firstEvent = _firstEvent is null || record.Timestamp < _firstEvent ? record.Timestamp : _firstEvent;
            _lastEvent = _lastEvent is null || record.Timestamp > _lastEvent ? record.Timestamp : _lastEvent;
        }
    }

    private void WriteSummary(Utf8JsonWriter writer, ReplayResult result, string inputPath, string? labelsPath)
    {
        var counters = result.Counters;
        writer.WriteString("tool_version", ToolVersion.Current);
        writer.WriteString("input", inputPath);
        if (labelsPath is not null)
        {
            writer.WriteString("labels", labelsPath);
        }

        if (snapshot is not null)
        {
            writer.WriteStartObject("snapshot");
            writer.WriteString("model", snapshot.Model);
            writer.WriteString("created_at", snapshot.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("suite_sha256", snapshot.SuiteSha256);
            writer.WriteEndObject();
        }

        var effective = Engine.Reproducibility.ConfigurationHash.Sha256(settings.Engine, settings.Parser.MaxRecordBytes);
        new Engine.Reproducibility.RunIdentity(
            settings.ConfigFileSha256 ?? effective,
            settings.ConfigFileSha256 is null ? "defaults" : "file",
            effective,
            // Rules without a known folder hash (a caller that did not set it) are "unknown", never "no rules".
            Rules is null ? null : RulesSha256 ?? "unknown").WriteProperties(writer);
        if (GeneratorSidecar.TryRead(inputPath) is { } generator)
        {
            writer.WritePropertyName("generator");
            generator.WriteTo(writer);
        }

        writer.WriteNumber("records_read", result.RecordsRead);
        writer.WriteNumber("blank_lines", _blankLines);
        writer.WriteNumber("valid", _predictions + _labels);
        writer.WriteNumber("predictions", _predictions);
        writer.WriteNumber("label_records", _labels);
        writer.WriteNumber("dead_lettered", result.DeadLettered);
        writer.WriteStartObject("dead_lettered_by_reason");
        foreach (var (reason, count) in _deadLetteredByReason.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(reason, count);
        }

        writer.WriteEndObject();
        writer.WriteNumber("accepted", counters.Accepted);
        writer.WriteNumber("duplicates", counters.Duplicates);
        writer.WriteNumber("late", counters.Late);
        writer.WriteNumber("future_timestamps", counters.FutureTimestamps);
        writer.WriteNumber("inline_labels", counters.InlineLabels);
        writer.WriteNumber("labels_joined", counters.LabelsJoined);
        writer.WriteNumber("labels_late", counters.LabelsLate);
        writer.WriteNumber("labels_unmatched", counters.LabelsUnmatched);
        writer.WriteNumber("slice_overflow", counters.SliceOverflow);
        writer.WriteNumber("model_overflow", counters.ModelOverflow);
        writer.WriteNumber("variant_overflow", counters.VariantOverflow);
        writer.WriteNumber("features_ignored", counters.FeaturesIgnored);
        writer.WriteNumber("tracking_evictions", counters.TrackingEvictions);
        writer.WriteNumber("windows", result.Windows);
        if (_pipeline?.Rules is { } evaluator)
        {
            var c = evaluator.Counters;
            writer.WriteStartObject("rules");
            writer.WriteNumber("rules", Rules!.Rules.Count);
            writer.WriteNumber("judged", c.Judged);
            writer.WriteNumber("insufficient_samples", c.InsufficientSamples);
            writer.WriteNumber("fired", c.Fired);
            writer.WriteNumber("resolved", c.Resolved);
            writer.WriteNumber("inhibited", c.Inhibited);
            writer.WriteNumber("silenced", c.Silenced);
            writer.WriteNumber("review_routed", _pipeline.Guard!.Routed);
            writer.WriteNumber("review_rate_limited", _pipeline.Guard.RateLimited);
            writer.WriteEndObject();
        }

        writer.WriteNumber("keys", result.Keys);
        if (_firstEvent is { } first && _lastEvent is { } last)
        {
            writer.WriteString("first_event", first.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("last_event", last.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteNumber("elapsed_seconds", Math.Round(result.Elapsed.TotalSeconds, 3));
        writer.WriteNumber("records_per_second", result.Elapsed.TotalSeconds > 0 ? Math.Round(result.RecordsRead / result.Elapsed.TotalSeconds) : 0);
    }

    /// <summary>One input file with its current parsed record; invalid lines are dead-lettered as they are met.</summary>
    private sealed class Source(ParsedLines lines) : IDisposable
    {
        public InferenceRecord? Record { get; private set; }

        /// <summary>Where <see cref="Record"/> came from (valid until the next <see cref="Advance"/>).</summary>
        public LineOrigin Origin { get; private set; }

        public bool HasRecord => Record is not null;

        /// <summary>Moves to the next valid record, dead-lettering invalid lines on the way.</summary>
        public void Advance(ReplayRunner runner)
        {
            Record = null;
            while (lines.MoveNext(out var line))
            {
                if (line.Blank)
                {
                    runner._blankLines++;
                    continue;
                }

                runner._recordsRead++;
                if (line.Record is { } record)
                {
                    Record = record;
                    Origin = line.Origin;
                    return;
                }

                runner._pipeline!.Reject(line.Origin, line.Rejection!);
            }
        }

        public void Dispose() => lines.Dispose();
    }

    /// <summary>The output folder's files (windows.jsonl, metrics.lp, dead-letter.jsonl) and the run's own counts.</summary>
    private sealed class FolderOutput(ReplayRunner runner, OutputFolder folder, HashSet<Engine.Windows.WindowKey> keys) : MonitorOutput<LineOrigin>
    {
        public override void DeadLetter(LineOrigin origin, Rejection rejection)
        {
            var reason = rejection.Code.ToWire();
            runner._deadLetteredByReason[reason] = runner._deadLetteredByReason.GetValueOrDefault(reason) + 1;
            folder.WriteDeadLetter(new DeadLetter(
                origin.Path,
                origin.LineNumber,
                reason,
                rejection.Field,
                rejection.Message,
                origin.Raw,
                origin.RawLength));
        }

        public override void Window(Engine.Windows.WindowResult window)
        {
            keys.Add(window.Key);
            folder.WriteWindow(window);
        }

        public override void Incident(Engine.Rules.Incident incident)
        {
            runner._incidents.Add(incident);
            folder.WriteIncident(incident);
        }
    }

    private sealed class ReviewOutput(ReviewFileWriter writer) : MonitorOutput<LineOrigin>
    {
        public override void Review(Engine.Rules.ReviewItem item) => writer.Write(item);
    }

    private sealed class WindowCallbackOutput(Action<Engine.Windows.WindowResult> callback) : MonitorOutput<LineOrigin>
    {
        public override void Window(Engine.Windows.WindowResult window) => callback(window);
    }
}
