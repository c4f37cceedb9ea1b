using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests.Pipeline;

/// <summary>The one processing path (issue 12): bytes in; dead letters, windows, incidents and review items out to every output.</summary>
public sealed class MonitorPipelineTests
{
    private static readonly RuleSet DefaultRules = RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules"));

    /// <summary>Two hours, a flagged-rate regression from the first hour, every kind of generated line.</summary>
    private static List<GeneratedLine> Stream() =>
    [
        .. StreamGenerator.Generate(new GeneratorOptions
        {
            Records = 12_000,
            Duration = TimeSpan.FromHours(2),
            Seed = 5,
            InvalidRate = 0.01,
            LateRate = 0.005,
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3")],
        }),
    ];

    [Fact]
    public void Process_GeneratedStream_WindowsAndIncidentsAreTheEngineAndEvaluatorRunByHand()
    {
        var lines = Stream();
        var options = new EngineOptions();
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), DefaultRules, options, ParserOptions.Default, output);
        for (var i = 0; i < lines.Count; i++)
        {
            pipeline.Process(lines[i].Utf8.Span, i);
        }

        pipeline.Flush();

        // The reference: parser, engine and evaluator called directly, as before the pipeline existed.
        var engine = new WindowEngine(options);
        var evaluator = new RuleEvaluator(DefaultRules);
        var windows = new List<string>();
        var incidents = new List<string>();
        foreach (var line in lines)
        {
            if (RecordParser.Parse(line.Utf8.Span).Record is { } record)
            {
                engine.Process(record);
            }

            Collect();
        }

        engine.Flush();
        Collect();

        Assert.NotEmpty(incidents);
        Assert.Equal(windows, output.Windows.Select(Json).ToList());
        Assert.Equal(incidents, output.Incidents.Select(Json).ToList());
        return;

        void Collect()
        {
            foreach (var window in engine.TakeResults())
            {
                windows.Add(Json(window));
                incidents.AddRange(evaluator.Evaluate(window).Select(Json));
            }
        }
    }

    [Fact]
    public void Process_GeneratedStream_EveryInvalidAndLateLineIsDeadLetteredWithItsOrigin()
    {
        var lines = Stream();
        var options = new EngineOptions();
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), null, options, ParserOptions.Default, output);
        for (var i = 0; i < lines.Count; i++)
        {
            pipeline.Process(lines[i].Utf8.Span, i);
        }

        var expected = Enumerable.Range(0, lines.Count).Where(i => lines[i].Kind is GeneratedLineKind.Invalid or GeneratedLineKind.Late).ToList();
        Assert.True(expected.Count > 100, $"{expected.Count} invalid or late lines");
        Assert.Equal(expected, output.DeadLetters.Select(d => d.Origin).ToList());
        Assert.All(
            output.DeadLetters.Where(d => lines[d.Origin].Kind == GeneratedLineKind.Late),
            d => Assert.Equal(RejectionCode.Late, d.Rejection.Code));
        Assert.DoesNotContain(output.DeadLetters, d => lines[d.Origin].Kind == GeneratedLineKind.Invalid && d.Rejection.Code == RejectionCode.Late);
    }

    [Fact]
    public void Process_WithRules_RoutesReviewItemsOnlyWhileAKeyFires()
    {
        var lines = Stream();
        var options = new EngineOptions();
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), DefaultRules, options, ParserOptions.Default, output);
        foreach (var line in lines)
        {
            pipeline.Process(line.Utf8.Span, 0);
        }

        Assert.NotEmpty(output.Reviews);
        Assert.Equal(pipeline.Guard!.Routed, output.Reviews.Count);
        var firstFiring = output.Incidents.Where(i => i.Status == IncidentStatus.Firing).Min(i => i.Evidence.Windows[^1]);
        Assert.All(output.Reviews, r => Assert.True(r.Record.Timestamp >= firstFiring, $"review of {r.Record.Timestamp:O} before the first firing window {firstFiring:O}"));
        Assert.All(output.Reviews, r => Assert.Equal("int8-dynamic", r.Key.Variant));
    }

    [Fact]
    public void Process_BytesOverTheSizeBound_DeadLetteredTooLargeWithoutReachingTheEngine()
    {
        var output = new CollectingOutput<string>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(new EngineOptions()), null, new EngineOptions(), new ParserOptions { MaxRecordBytes = 64 }, output);
        var bytes = RecordWriter.ToJsonBytes(Prediction(T0));

        var outcome = pipeline.Process(bytes, "topic[0]@7");

        Assert.Null(outcome);
        var (origin, rejection) = Assert.Single(output.DeadLetters);
        Assert.Equal("topic[0]@7", origin);
        Assert.Equal(RejectionCode.TooLarge, rejection.Code);
        Assert.Equal(0, pipeline.Engine.Counters.Accepted);
    }

    [Fact]
    public void Process_LateRecord_DeadLetteredLateAndNotCounted()
    {
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(new EngineOptions()), null, new EngineOptions(), ParserOptions.Default, output);
        for (var i = 0; i < 30; i++)
        {
            pipeline.Process(Prediction(T0.AddMinutes(i)), i);
        }

        var outcome = pipeline.Process(Prediction(T0.AddMinutes(1)), 99);

        Assert.Equal(RecordOutcome.Late, outcome);
        var (origin, rejection) = Assert.Single(output.DeadLetters);
        Assert.Equal(99, origin);
        Assert.Equal(RejectionCode.Late, rejection.Code);
    }

    [Fact]
    public void Flush_ClosesTheOpenWindowsAndHandsThemOut()
    {
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(new EngineOptions()), null, new EngineOptions(), ParserOptions.Default, output);
        pipeline.Process(Prediction(T0), 0);
        Assert.Empty(output.Windows);

        pipeline.Flush();

        Assert.Contains(output.Windows, w => w.WindowStart == T0 && w.Count == 1);
    }

    [Fact]
    public void FanOut_EveryOutputReceivesTheSameEventsInTheSameOrder()
    {
        var lines = Stream();
        var first = new CollectingOutput<int>();
        var second = new CollectingOutput<int>();
        var order = new OrderOutput();
        var options = new EngineOptions();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), DefaultRules, options, ParserOptions.Default, new OutputFanOut<int>([first, null, order, second]));
        for (var i = 0; i < lines.Count; i++)
        {
            pipeline.Process(lines[i].Utf8.Span, i);
        }

        pipeline.Flush();

        Assert.NotEmpty(first.Windows);
        Assert.NotEmpty(first.Incidents);
        Assert.Equal(first.Windows, second.Windows);
        Assert.Equal(first.Incidents, second.Incidents);
        Assert.Equal(first.Reviews, second.Reviews);
        Assert.Equal(first.DeadLetters, second.DeadLetters);
        // A window's incidents come right after it, before the next window.
        Assert.All(first.Incidents, incident =>
        {
            var at = order.Events.IndexOf("incident " + incident.Id + " " + incident.Status);
            var window = order.Events[..at].Last(e => e.StartsWith("window ", StringComparison.Ordinal));
            Assert.StartsWith("window " + incident.Key + " ", window, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Process_OutputThrows_ExceptionReachesTheCallerUnwrapped()
    {
        // Only the engine's own failures become RecordProcessingException (dead-lettered by the worker); a failing
        // output must stop the caller, not be mistaken for a bad record.
        var pipeline = MonitorPipeline.Create(new WindowEngine(new EngineOptions()), null, new EngineOptions(), ParserOptions.Default, new ThrowingOutput());
        pipeline.Process(Prediction(T0), 0);

        var thrown = Assert.Throws<IOException>(() => pipeline.Process(Prediction(T0.AddMinutes(30)), 1));

        Assert.Equal("disk full", thrown.Message);
    }

    private static string Json(Engine.Windows.WindowResult window) => Encoding.UTF8.GetString(JsonBytes.Of(w => WindowResultJson.Write(w, window)));

    private static string Json(Incident incident) => Encoding.UTF8.GetString(JsonBytes.Of(w => IncidentJson.Write(w, incident)));

    private sealed class ThrowingOutput : MonitorOutput<int>
    {
        public override void Window(Engine.Windows.WindowResult window) => throw new IOException("disk full");
    }

    private sealed class OrderOutput : MonitorOutput<int>
    {
        public List<string> Events { get; } = [];

        public override void Window(Engine.Windows.WindowResult window) =>
            Events.Add("window " + window.Key + " " + window.WindowStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        public override void Incident(Incident incident) => Events.Add("incident " + incident.Id + " " + incident.Status);
    }
}
