using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Reproducibility;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.State;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;

namespace CompressionSafety.Engine.Tests.State;

/// <summary>
/// A partition's state snapshotted mid-stream and restored into fresh instances continues exactly as if it had never
/// stopped: every window, incident, review item and record outcome byte-identical to an uninterrupted run.
/// </summary>
public sealed class PartitionStateTests
{
    private static readonly EngineOptions Options = new();
    private static readonly string Hash = ConfigurationHash.Sha256(Options, 1 << 20);
    private static readonly RuleSet Rules = RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules"));

    // Three hours of traffic with jitter (out-of-order records), late records, duplicates, delayed labels, segments
    // and a flagged-rate degradation from 1 h, so windows, detectors, sequences and incidents are all active at the cuts.
    private static readonly List<byte[]> Lines = StreamGenerator.Generate(new GeneratorOptions
    {
        Records = 12_000,
        Duration = TimeSpan.FromHours(3),
        Seed = 23,
        Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3")],
    }).Select(line => line.Utf8.ToArray()).ToList();

    private static readonly List<string> Uninterrupted = Run([], restore: true).Outputs;

    public static TheoryData<int[]> Cuts => new()
    {
        { [Lines.Count / 2] },
        { [Lines.Count / 4, Lines.Count / 2, (3 * Lines.Count) / 4] },
        { [1, 2, 3] },
        { [Lines.Count - 1] },
        { [FirstLineAfterTrafficClose()] },
        { Enumerable.Range(1, 9).Select(i => i * Lines.Count / 10).ToArray() },
    };

    [Fact]
    public void Stream_Generated_HasActiveStateAtTheCut()
    {
        // The comparisons below mean something only if incidents fire, detectors run and records straddle the cut out of order.
        Assert.Contains(Uninterrupted, o => o.StartsWith("incident ", StringComparison.Ordinal));
        Assert.Contains(Uninterrupted, o => o.Contains("\"anomaly.flagged_rate.cusum\"", StringComparison.Ordinal));
        Assert.Contains(Uninterrupted, o => o.Contains("flagged_rate_diff_cs", StringComparison.Ordinal));
        Assert.Contains(Uninterrupted, o => o == "late");
        var times = Lines.Select(l => RecordParser.Parse(l).Record).OfType<PredictionRecord>().Select(p => p.Timestamp).ToList();
        var half = times.Count / 2;
        Assert.True(times.Skip(half).Take(50).Min() < times.Take(half).Max(), "records after the cut are older than some before it");
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Restore_AtCuts_OutputsIdenticalToUninterruptedRun(int[] cuts)
    {
        var interrupted = Run(cuts, restore: true).Outputs;

        Assert.Equal(Uninterrupted.Count, interrupted.Count);
        for (var i = 0; i < Uninterrupted.Count; i++)
        {
            Assert.True(Uninterrupted[i] == interrupted[i], $"output {i} differs:\n{Uninterrupted[i]}\n{interrupted[i]}");
        }
    }

    [Fact]
    public void Restart_WithoutSnapshot_Differs()
    {
        // The control for the test above: a restart from a fresh engine (what the worker did before snapshots) does not match.
        var fresh = Run([Lines.Count / 2], restore: false).Outputs;

        Assert.NotEqual(Uninterrupted, fresh);
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Restore_AtCuts_EveryFieldEqualsTheOriginal(int[] cuts)
    {
        foreach (var cut in cuts)
        {
            var (engine, rules, guard) = Fresh();
            Feed(engine, rules, guard, Lines.Take(cut), []);
            var snapshot = PartitionState.Write(Hash, engine, rules, guard);
            var (restoredEngine, restoredRules, restoredGuard) = Fresh();

            Assert.True(PartitionState.TryRead(snapshot, Hash, restoredEngine, restoredRules, restoredGuard, out var problem), problem);
            // A field a state type gains without writing it to the snapshot fails here, whether or not outputs show it yet.
            Assert.Null(StateGraph.FirstDifference((engine, rules, guard), (restoredEngine, restoredRules, restoredGuard), IgnoredFields));
            Assert.Equal(snapshot, PartitionState.Write(Hash, restoredEngine, restoredRules, restoredGuard));
        }
    }

    [Fact]
    public void TryRead_OtherConfiguration_RefusedWithReason()
    {
        var snapshot = Snapshot(Lines.Count / 2);
        var (engine, rules, guard) = Fresh();

        Assert.False(PartitionState.TryRead(snapshot, "another-hash", engine, rules, guard, out var problem));
        Assert.Contains("configuration", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_OtherVersion_RefusedWithReason()
    {
        var snapshot = Snapshot(Lines.Count / 2);
        snapshot[4] = (byte)(PartitionState.FormatVersion + 1);
        var (engine, rules, guard) = Fresh();

        Assert.False(PartitionState.TryRead(snapshot, Hash, engine, rules, guard, out var problem));
        Assert.Contains("version", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_RulesNotLoaded_Refused()
    {
        var snapshot = Snapshot(Lines.Count / 2);

        Assert.False(PartitionState.TryRead(snapshot, Hash, new WindowEngine(Options), null, null, out var problem));
        Assert.Contains("rule", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(5000)]
    public void TryRead_Truncated_RefusedNotThrown(int keep)
    {
        var snapshot = Snapshot(Lines.Count / 2);
        var (engine, rules, guard) = Fresh();

        Assert.False(PartitionState.TryRead(snapshot.AsMemory(0, Math.Min(keep, snapshot.Length - 1)), Hash, engine, rules, guard, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void TryRead_NotASnapshot_Refused()
    {
        var (engine, rules, guard) = Fresh();

        Assert.False(PartitionState.TryRead(Encoding.UTF8.GetBytes("{\"some\":\"json\"}"), Hash, engine, rules, guard, out var problem));
        Assert.Contains("not a partition state snapshot", problem, StringComparison.Ordinal);
    }

    // Scratch space reused by every call, not state: it holds the slices of the last record resolved.
    // Scratch buffers and the engine's hot-path caches: derived from the snapshotted fields, rebuilt on first use after a
    // restore, so they need not (and do not) match the original's.
    private static readonly HashSet<string> IgnoredFields =
    [
        "SliceResolver._buffer",
        "WindowEngine._keyIds",
        "WindowEngine._routes",
        "WindowEngine._recordFeatures",
        "WindowEngine._lastWindow",
        "WindowEngine._internedByIdentity",
        "TrafficAccumulator._byPosition",
        "WindowEngine._nextCloseTicks",
        "OpenWindow._trafficById",
        "WindowKey._hash",
    ];

    private static byte[] Snapshot(int cut)
    {
        var (engine, rules, guard) = Fresh();
        Feed(engine, rules, guard, Lines.Take(cut), []);
        return PartitionState.Write(Hash, engine, rules, guard);
    }

    private static (WindowEngine Engine, RuleEvaluator Rules, ReviewGuard Guard) Fresh()
    {
        var engine = new WindowEngine(Options);
        var rules = new RuleEvaluator(Rules);
        return (engine, rules, new ReviewGuard(rules.IsFiring, new ReviewGuardOptions { LowConfidenceThreshold = Options.LowConfidenceThreshold }));
    }

    /// <summary>Every output of the stream in order (record outcomes, windows, incidents, review items), stopping and restarting at each cut.</summary>
    private static (List<string> Outputs, int Snapshots) Run(int[] cuts, bool restore)
    {
        var outputs = new List<string>();
        var (engine, rules, guard) = Fresh();
        var start = 0;
        foreach (var cut in cuts.Append(Lines.Count))
        {
            Feed(engine, rules, guard, Lines.Skip(start).Take(cut - start), outputs);
            start = cut;
            if (cut == Lines.Count)
            {
                break;
            }

            var snapshot = PartitionState.Write(Hash, engine, rules, guard);
            (engine, rules, guard) = Fresh();
            if (restore)
            {
                Assert.True(PartitionState.TryRead(snapshot, Hash, engine, rules, guard, out var problem), problem);
            }
        }

        engine.Flush();
        Emit(engine, rules, outputs);
        return (outputs, cuts.Length);
    }

    private static void Feed(WindowEngine engine, RuleEvaluator rules, ReviewGuard guard, IEnumerable<byte[]> lines, List<string> outputs)
    {
        foreach (var line in lines)
        {
            if (RecordParser.Parse(line).Record is not { } record)
            {
                continue;
            }

            var outcome = engine.Process(record);
            outputs.Add(outcome.ToString().ToLowerInvariant());
            if (outcome == RecordOutcome.Accepted && record is PredictionRecord prediction && guard.Check(prediction) is { } review)
            {
                outputs.Add("review " + Encoding.UTF8.GetString(ReviewItemJson.ToBytes(review)));
            }

            Emit(engine, rules, outputs);
        }
    }

    private static void Emit(WindowEngine engine, RuleEvaluator rules, List<string> outputs)
    {
        foreach (var window in engine.TakeResults())
        {
            outputs.Add("window " + Encoding.UTF8.GetString(JsonBytes.Of(w => WindowResultJson.Write(w, window))));
            foreach (var incident in rules.Evaluate(window))
            {
                outputs.Add("incident " + Encoding.UTF8.GetString(JsonBytes.Of(w => IncidentJson.Write(w, incident))));
            }
        }
    }

    /// <summary>The first line after which a traffic window has just closed: a cut between two phases of the same window.</summary>
    private static int FirstLineAfterTrafficClose()
    {
        var engine = new WindowEngine(Options);
        for (var i = 0; i < Lines.Count; i++)
        {
            if (RecordParser.Parse(Lines[i]).Record is { } record)
            {
                engine.Process(record);
                if (engine.TakeResults().Count > 0)
                {
                    return i + 1;
                }
            }
        }

        throw new InvalidOperationException("no window closed");
    }
}
