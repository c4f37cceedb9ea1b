using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>What replay computes on the same lines, in process: the reference the worker's topics are compared with.</summary>
internal static class InProcessReplay
{
    /// <summary>Every published incident state change, in order, with default engine options.</summary>
    public static List<Incident> Incidents(IEnumerable<byte[]> lines, RuleSet rules)
    {
        var engine = new WindowEngine(new EngineOptions());
        var evaluator = new RuleEvaluator(rules);
        var incidents = new List<Incident>();
        foreach (var line in lines)
        {
            if (RecordParser.Parse(line).Record is not { } record)
            {
                continue;
            }

            engine.Process(record);
            foreach (var window in engine.TakeResults())
            {
                incidents.AddRange(evaluator.Evaluate(window));
            }
        }

        return incidents;
    }
}
