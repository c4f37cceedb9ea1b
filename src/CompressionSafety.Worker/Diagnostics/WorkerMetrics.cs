using System.Diagnostics.Metrics;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>The worker's instruments (meter <c>CompressionSafety.Worker</c>), created through <see cref="IMeterFactory"/>.</summary>
public sealed class WorkerMetrics
{
    /// <summary>The meter name, for listeners and exporters.</summary>
    public const string MeterName = "CompressionSafety.Worker";

    private long _lag;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The factory.</param>
    public WorkerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        RecordsIn = meter.CreateCounter<long>("compression_safety.ingest.records", "{record}", "Records consumed.");
        Valid = meter.CreateCounter<long>("compression_safety.ingest.valid", "{record}", "Records that parsed and were counted by the engine.");
        DeadLettered = meter.CreateCounter<long>("compression_safety.ingest.dead_lettered", "{record}", "Records sent to the dead-letter topic, by reason.");
        Late = meter.CreateCounter<long>("compression_safety.ingest.late", "{record}", "Records for windows already closed.");
        WindowsClosed = meter.CreateCounter<long>("compression_safety.windows.closed", "{window}", "Window results emitted.");
        Incidents = meter.CreateCounter<long>("compression_safety.incidents", "{incident}", "Incident state changes published, by status.");
        ReviewRequests = meter.CreateCounter<long>("compression_safety.review.requests", "{event}", "Events of firing keys routed to human review.");
        OffsetResets = meter.CreateCounter<long>("compression_safety.ingest.offset_resets", "{reset}", "Partitions whose consumption started elsewhere than their committed offset (auto.offset.reset), by topic.");
        ProcessingLatency = meter.CreateHistogram<double>("compression_safety.ingest.processing_latency", "ms", "Time to parse and process one record.");
        meter.CreateObservableGauge("compression_safety.ingest.consumer_lag", () => Interlocked.Read(ref _lag), "{record}", "Records behind the high watermark, summed over assigned partitions.");
    }

    /// <summary>Records consumed.</summary>
    public Counter<long> RecordsIn { get; }

    /// <summary>Records counted by the engine.</summary>
    public Counter<long> Valid { get; }

    /// <summary>Records dead-lettered (tag <c>reason</c>).</summary>
    public Counter<long> DeadLettered { get; }

    /// <summary>Late records.</summary>
    public Counter<long> Late { get; }

    /// <summary>Window results emitted.</summary>
    public Counter<long> WindowsClosed { get; }

    /// <summary>Incidents published.</summary>
    public Counter<long> Incidents { get; }

    /// <summary>Events routed to human review.</summary>
    public Counter<long> ReviewRequests { get; }

    /// <summary>Offset resets noticed (tag <c>topic</c>).</summary>
    public Counter<long> OffsetResets { get; }

    /// <summary>Per-record processing time.</summary>
    public Histogram<double> ProcessingLatency { get; }

    internal void SetLag(long lag) => Interlocked.Exchange(ref _lag, lag);
}
