using CompressionSafety.Engine;

namespace CompressionSafety.Cli.Replay;

/// <summary>What a replay did.</summary>
internal sealed record ReplayResult(long RecordsRead, long DeadLettered, long Windows, int Keys, TimeSpan Elapsed, EngineCounters Counters);
