using CompressionSafety.Worker.Options;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>
/// The worker's health state, updated by the consume loop and read by the `ingestion` and `kafka` health checks
/// (<see cref="IngestionHealthCheck"/>, <see cref="KafkaReadinessHealthCheck"/>) that the HTTP server's probes run.
/// </summary>
public sealed class WorkerHealth
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxPollAge;
    private long _lastPollTimestamp = -1;
    private int _assigned;
    private long _clientErrors;
    private long _producerFailures;
    private volatile string? _lastClientError;
    private volatile bool _clientErrorSincePoll;
    private volatile bool _brokersDown;
    private volatile string? _fatal;

    /// <summary>Creates the state.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="options">The worker options (for the poll age limit).</param>
    public WorkerHealth(TimeProvider time, IOptions<KafkaWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _maxPollAge = options.Value.MaxPollAge;
    }

    /// <summary>The fatal error that stopped the worker, or null.</summary>
    public string? FatalError => _fatal;

    /// <summary>Evaluates the current health.</summary>
    /// <returns>The report.</returns>
    public WorkerHealthReport Check()
    {
        var reasons = new List<string>();
        var status = WorkerHealthStatus.Healthy;
        var last = Interlocked.Read(ref _lastPollTimestamp);
        TimeSpan? age = last < 0 ? null : _time.GetElapsedTime(last);
        if (_fatal is { } fatal)
        {
            status = WorkerHealthStatus.Unhealthy;
            reasons.Add("fatal: " + fatal);
        }

        if (age > _maxPollAge)
        {
            status = WorkerHealthStatus.Unhealthy;
            reasons.Add($"consume loop has not polled for {age}");
        }

        if (status == WorkerHealthStatus.Healthy && Volatile.Read(ref _assigned) == 0)
        {
            status = WorkerHealthStatus.Degraded;
            reasons.Add("no partition assigned");
        }

        if (status == WorkerHealthStatus.Healthy && _brokersDown)
        {
            status = WorkerHealthStatus.Degraded;
            reasons.Add("no broker connection is up");
        }

        if (status == WorkerHealthStatus.Healthy && _clientErrorSincePoll)
        {
            status = WorkerHealthStatus.Degraded;
            reasons.Add("Kafka client error: " + _lastClientError);
        }

        return new WorkerHealthReport(
            status,
            Volatile.Read(ref _assigned),
            age,
            Interlocked.Read(ref _clientErrors),
            Interlocked.Read(ref _producerFailures),
            reasons);
    }

    /// <summary>Records handled by the consume loop since start (valid or not), so a caller can tell when it has caught up.</summary>
    public long RecordsHandled => Interlocked.Read(ref _recordsHandled);

    private long _recordsHandled;

    internal void Handled() => Interlocked.Increment(ref _recordsHandled);

    internal void Polled(bool gotRecord)
    {
        Interlocked.Exchange(ref _lastPollTimestamp, _time.GetTimestamp());
        if (gotRecord)
        {
            // A record arrived, so the broker is reachable again.
            _clientErrorSincePoll = false;
        }
    }

    /// <summary>
    /// The consumer's statistics report (every second): whether any broker connection is up. Up clears the last client
    /// error, so readiness returns as soon as the broker does, with or without records to consume.
    /// </summary>
    internal void BrokersReported(bool anyUp)
    {
        _brokersDown = !anyUp;
        if (anyUp)
        {
            _clientErrorSincePoll = false;
        }
    }

    internal void Assigned(int count) => Volatile.Write(ref _assigned, count);

    internal void ClientError(string reason)
    {
        Interlocked.Increment(ref _clientErrors);
        _lastClientError = reason;
        _clientErrorSincePoll = true;
    }

    internal void ProducerFailed() => Interlocked.Increment(ref _producerFailures);

    internal void Fatal(string reason) => _fatal ??= reason;
}
