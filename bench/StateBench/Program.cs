using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.State;
using CompressionSafety.Simulation;

// Snapshot size and time to write / restore a partition's state at several points of a generated stream
// (3 h of event time, three degradations, the default rules), all on one partition: the worst case per partition.
var records = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 97_638;
var rulesDirectory = args.Length > 1 ? args[1] : "alert-rules";
var lines = StreamGenerator.Generate(new GeneratorOptions
{
    Records = records,
    Duration = TimeSpan.FromHours(3),
    Degradations =
    [
        Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3"),
        Degradation.Parse("variant=pruned-50,kind=unsafe-miss,start=1h30m,size=0.3"),
        Degradation.Parse("variant=distilled-small,kind=latency,start=2h,size=2"),
    ],
}).Select(l => l.Utf8.ToArray()).ToList();
var options = new EngineOptions();
var rules = RuleLoader.LoadDirectory(rulesDirectory);
var configuration = PartitionState.ConfigurationOf(options, 1 << 20, rules);
var engine = new WindowEngine(options);
var evaluator = new RuleEvaluator(rules);
var guard = new ReviewGuard(evaluator.IsFiring, new ReviewGuardOptions());
Console.WriteLine($"{lines.Count:N0} lines; load average {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("at line | state bytes | deflated | write ms | restore ms");
var next = lines.Count / 6;
for (var i = 0; i < lines.Count; i++)
{
    if (RecordParser.Parse(lines[i]).Record is { } record)
    {
        engine.Process(record);
        foreach (var window in engine.TakeResults())
        {
            evaluator.Evaluate(window);
        }
    }

    if (i + 1 == next)
    {
        next += lines.Count / 6;
        var clock = Stopwatch.StartNew();
        var state = PartitionState.Write(configuration, engine, evaluator, guard);
        var write = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var restoredRules = new RuleEvaluator(rules);
        if (!PartitionState.TryRead(state, configuration, new WindowEngine(options), restoredRules, new ReviewGuard(restoredRules.IsFiring, new ReviewGuardOptions()), out var problem))
        {
            throw new InvalidOperationException(problem);
        }

        var restore = clock.Elapsed.TotalMilliseconds;
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(state);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,7} | {state.Length,11:N0} | {deflated.Length,8:N0} | {write,8:F1} | {restore,10:F1}"));
    }
}
