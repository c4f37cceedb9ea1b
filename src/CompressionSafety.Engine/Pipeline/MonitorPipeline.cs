using System.Diagnostics;
using System.Globalization;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Engine.Pipeline;

/// <summary>Creates <see cref="MonitorPipeline{TOrigin}"/>s and parses records the way they do.</summary>
public static class MonitorPipeline
{
    /// <summary>Creates a pipeline with a fresh evaluator and review guard for <paramref name="ruleSet"/> (or none when null).</summary>
    public static MonitorPipeline<TOrigin> Create<TOrigin>(
        WindowEngine engine,
        RuleSet? ruleSet,
        EngineOptions options,
        ParserOptions parser,
        IMonitorOutput<TOrigin> output,
        SilenceStore? silences = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ruleSet is null)
        {
            return new MonitorPipeline<TOrigin>(engine, null, null, parser, output);
        }

        var evaluator = new RuleEvaluator(ruleSet, sink: null, silences);
        var guard = new ReviewGuard(evaluator.IsFiring, new ReviewGuardOptions { LowConfidenceThreshold = options.LowConfidenceThreshold });
        return new MonitorPipeline<TOrigin>(engine, evaluator, guard, parser, output);
    }

    /// <summary>Parses one record's bytes, refusing more than the size bound first.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> bytes, ParserOptions parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return bytes.Length > parser.MaxRecordBytes
            ? Oversized(bytes.Length, parser)
            : RecordParser.Parse(bytes, parser);
    }

    /// <summary>The rejection of a record of <paramref name="length"/> bytes over the size bound (its bytes may not even have been read).</summary>
    public static ParseResult Oversized(long length, ParserOptions parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return ParseResult.Invalid(
            RejectionCode.TooLarge,
            null,
            string.Create(CultureInfo.InvariantCulture, $"record is {length} bytes, larger than the maximum of {parser.MaxRecordBytes}"));
    }
}

/// <summary>
/// The monitor's one processing path, shared by <c>replay</c>, the worker (one per partition), <c>demo</c> and the
/// tests: record bytes in; dead letters, window results, incidents and review items out, to one
/// <see cref="IMonitorOutput{TOrigin}"/> (usually an <see cref="OutputFanOut{TOrigin}"/>). Pure: no I/O, no clock
/// (the worker passes its clock's time in), no threads; what the outputs do with the events is theirs.
/// </summary>
/// <typeparam name="TOrigin">Where a record came from (a file line, a topic offset), handed back with dead letters.</typeparam>
/// <param name="engine">The window engine (fresh, or restored from a snapshot).</param>
/// <param name="rules">The rule evaluator, or null to run without rules (no incidents, no review items).</param>
/// <param name="guard">The review guard, or null for no review routing.</param>
/// <param name="parser">Parser settings (the record size bound among them).</param>
/// <param name="output">Where every event goes.</param>
public sealed class MonitorPipeline<TOrigin>(WindowEngine engine, RuleEvaluator? rules, ReviewGuard? guard, ParserOptions parser, IMonitorOutput<TOrigin> output)
{
    /// <summary>The window engine (for offset bookkeeping and state snapshots).</summary>
    public WindowEngine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>The rule evaluator, or null without rules.</summary>
    public RuleEvaluator? Rules { get; } = rules;

    /// <summary>The review guard, or null.</summary>
    public ReviewGuard? Guard { get; } = guard;

    /// <summary>
    /// Parses and processes one record; an invalid one is dead-lettered. Returns the engine's outcome, or null when the
    /// bytes were not a valid record.
    /// </summary>
    public RecordOutcome? Process(ReadOnlySpan<byte> bytes, TOrigin origin, DateTimeOffset? now = null)
    {
        var parsed = MonitorPipeline.Parse(bytes, parser);
        if (parsed.Record is not { } record)
        {
            output.DeadLetter(origin, parsed.Rejection!);
            return null;
        }

        return Process(record, origin, now);
    }

    /// <summary>
    /// Processes one parsed record: dead-letters it when the engine refuses it, routes it to review when its key fires,
    /// and hands every window it closed (and each window's incidents) to the outputs.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="origin">Where it came from.</param>
    /// <param name="now">The caller's clock, which also bounds event times (the worker); null for none (replay).</param>
    /// <exception cref="RecordProcessingException">The record broke the engine; what the outputs throw is not wrapped.</exception>
    public RecordOutcome Process(InferenceRecord record, TOrigin origin, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        RecordOutcome outcome;
        try
        {
            outcome = Engine.Process(record, now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RecordProcessingException(ex.Message, ex);
        }

        switch (outcome)
        {
            case RecordOutcome.Late:
                output.DeadLetter(origin, Engine.DescribeLate((PredictionRecord)record));
                break;
            case RecordOutcome.LabelLate:
                output.DeadLetter(origin, WindowEngine.LateLabel);
                break;
            case RecordOutcome.FutureTimestamp:
                output.DeadLetter(origin, Engine.DescribeFuture(record, now));
                break;
            case RecordOutcome.KeyOverflow:
                output.DeadLetter(origin, Engine.DescribeOverflow((PredictionRecord)record));
                break;
            case RecordOutcome.Accepted:
                if (record is PredictionRecord prediction && Guard?.Check(prediction) is { } item)
                {
                    output.Review(item);
                }

                break;
            case RecordOutcome.Duplicate:
            case RecordOutcome.LabelJoined:
            case RecordOutcome.LabelPending:
                break;
            default:
                throw new UnreachableException($"Unhandled outcome {outcome}.");
        }

        Emit();
        return outcome;
    }

    /// <summary>Dead-letters a record the caller refused itself (for example one that broke the engine).</summary>
    public void Reject(TOrigin origin, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        output.DeadLetter(origin, rejection);
    }

    /// <summary>At the end of the input: closes every open window and hands the results out.</summary>
    public void Flush()
    {
        Engine.Flush();
        Emit();
    }

    private void Emit()
    {
        foreach (var window in Engine.TakeResults())
        {
            output.Window(window);
            if (Rules is null)
            {
                continue;
            }

            foreach (var incident in Rules.Evaluate(window))
            {
                output.Incident(incident);
            }
        }
    }
}
