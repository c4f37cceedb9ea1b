namespace CompressionSafety.Worker.Diagnostics;

/// <summary>Overall health of the worker.</summary>
public enum WorkerHealthStatus
{
    /// <summary>Consuming normally.</summary>
    Healthy,

    /// <summary>Running but impaired: no partition assigned yet, broker unreachable, producer errors.</summary>
    Degraded,

    /// <summary>Stuck or stopped by a fatal error: the orchestrator should restart it.</summary>
    Unhealthy,
}
