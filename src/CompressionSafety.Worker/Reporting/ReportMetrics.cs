using System.Diagnostics.Metrics;

namespace CompressionSafety.Worker.Reporting;

/// <summary>Counts of scheduled report runs, as the meter counter <c>compression_safety.reports.runs</c> (tag <c>outcome</c>) and as totals for health checks.</summary>
public sealed class ReportMetrics
{
    private readonly Counter<long> _runs;
    private long _written;
    private long _caughtUp;
    private long _missingArchive;
    private long _failed;

    /// <summary>Creates the counter on the worker's meter.</summary>
    /// <param name="meterFactory">The factory.</param>
    public ReportMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _runs = meterFactory.Create(Diagnostics.WorkerMetrics.MeterName)
            .CreateCounter<long>("compression_safety.reports.runs", "{run}", "Scheduled report runs, by outcome (written, caught_up, missing_archive, failed).");
    }

    /// <summary>Reports written at their scheduled time since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Reports of missed periods written later (catch-up) since start.</summary>
    public long CaughtUp => Interlocked.Read(ref _caughtUp);

    /// <summary>Runs that found no archive file for their period.</summary>
    public long MissingArchive => Interlocked.Read(ref _missingArchive);

    /// <summary>Runs that failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    internal void Count(ReportOutcome outcome)
    {
        switch (outcome)
        {
            case ReportOutcome.Written:
                Interlocked.Increment(ref _written);
                break;
            case ReportOutcome.CaughtUp:
                Interlocked.Increment(ref _caughtUp);
                break;
            case ReportOutcome.MissingArchive:
                Interlocked.Increment(ref _missingArchive);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            ReportOutcome.Written => "written",
            ReportOutcome.CaughtUp => "caught_up",
            ReportOutcome.MissingArchive => "missing_archive",
            _ => "failed",
        }));
    }
}
