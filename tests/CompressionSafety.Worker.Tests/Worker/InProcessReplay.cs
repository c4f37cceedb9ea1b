using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>What replay computes on the same lines, in process: the reference the worker's topics are compared with.</summary>
internal static class InProcessReplay
{
    /// <summary>Every published incident state change, in order, with default engine options.</summary>
    public static List<Incident> Incidents(IEnumerable<byte[]> lines, RuleSet rules)
    {
        var options = new EngineOptions();
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), rules, options, ParserOptions.Default, output);
        var position = 0;
        foreach (var line in lines)
        {
            pipeline.Process(line, position++);
        }

        return [.. output.Incidents];
    }
}
