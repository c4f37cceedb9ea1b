namespace CompressionSafety.Worker.Diagnostics;

/// <summary>A snapshot of the worker's health.</summary>
/// <param name="Status">The overall status.</param>
/// <param name="AssignedPartitions">Partitions this instance owns.</param>
/// <param name="LastPollAge">Time since the consume loop last polled, or null before the first poll.</param>
/// <param name="ClientErrors">Consumer errors since start (broker down, for example).</param>
/// <param name="ProducerFailures">Output records given up on (each stops the worker).</param>
/// <param name="Reasons">Why the status is not healthy; empty when healthy.</param>
public sealed record WorkerHealthReport(
    WorkerHealthStatus Status,
    int AssignedPartitions,
    TimeSpan? LastPollAge,
    long ClientErrors,
    long ProducerFailures,
    IReadOnlyList<string> Reasons);
