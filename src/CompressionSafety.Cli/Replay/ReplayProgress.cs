namespace CompressionSafety.Cli.Replay;

/// <summary>Progress of a running replay.</summary>
internal readonly record struct ReplayProgress(long RecordsRead, TimeSpan Elapsed, long WindowsClosed);
