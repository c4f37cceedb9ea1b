using System.Diagnostics.Metrics;
using CompressionSafety.Notifications;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>The worker's instruments (meter <c>CompressionSafety.Worker</c>), created through <see cref="IMeterFactory"/>.</summary>
public sealed class WorkerMetrics
{
    /// <summary>The meter name, for listeners and exporters.</summary>
    public const string MeterName = "CompressionSafety.Worker";

    private long _lag;

    /// <summary>
    /// Per-record times are sub-millisecond to tens of milliseconds: the SDK's default buckets (0, 5, 10, 25 ms...)
    /// would put nearly every record in the first one.
    /// </summary>
    private static readonly InstrumentAdvice<double> LatencyBuckets = new()
    {
        HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000],
    };

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The factory.</param>
    /// <param name="webhook">The webhook notifier when configured: its drops, failures and deliveries are observed.</param>
    /// <param name="alertmanager">The Alertmanager notifier when configured: likewise.</param>
    public WorkerMetrics(IMeterFactory meterFactory, WebhookNotifier? webhook = null, AlertmanagerNotifier? alertmanager = null)
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
        ProcessingLatency = meter.CreateHistogram("compression_safety.ingest.processing_latency", "ms", "Time to parse and process one record.", tags: null, advice: LatencyBuckets);
        meter.CreateObservableGauge("compression_safety.ingest.consumer_lag", () => Interlocked.Read(ref _lag), "{record}", "Records behind the high watermark, summed over assigned partitions.");
        // The notifiers count for themselves (they also report at the end of a replay); observed here by output.
        var outputs = new List<(string Output, Func<long> Dropped, Func<long> Failed, Func<long> Sent)>();
        if (webhook is not null)
        {
            outputs.Add(("webhook", () => webhook.Dropped, () => webhook.Failed, () => webhook.Sent));
        }

        if (alertmanager is not null)
        {
            outputs.Add(("alertmanager", () => alertmanager.Dropped, () => alertmanager.Failed, () => alertmanager.Sent));
        }

        if (outputs.Count > 0)
        {
            meter.CreateObservableCounter("compression_safety.notifications.dropped", () => outputs.Select(o => Measure(o.Dropped(), o.Output)), "{incident}", "Incident state changes a notifier dropped because its queue was full, by output.");
            meter.CreateObservableCounter("compression_safety.notifications.failed", () => outputs.Select(o => Measure(o.Failed(), o.Output)), "{request}", "Notifier requests given up after every retry, by output.");
            meter.CreateObservableCounter("compression_safety.notifications.sent", () => outputs.Select(o => Measure(o.Sent(), o.Output)), "{request}", "Notifier requests the receiver accepted, by output.");
        }
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

    private static Measurement<long> Measure(long value, string output) => new(value, new KeyValuePair<string, object?>("output", output));

    internal void SetLag(long lag) => Interlocked.Exchange(ref _lag, lag);
}
