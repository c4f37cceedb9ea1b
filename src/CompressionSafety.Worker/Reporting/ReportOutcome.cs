namespace CompressionSafety.Worker.Reporting;

/// <summary>How one scheduled report run ended.</summary>
public enum ReportOutcome
{
    /// <summary>The report was written.</summary>
    Written,

    /// <summary>The report of a period whose scheduled run was missed was written later, at start or at a later run.</summary>
    CaughtUp,

    /// <summary>No archive file for the period: nothing written, a warning logged and counted.</summary>
    MissingArchive,

    /// <summary>The run failed (an unreadable input, a full disk); logged and counted, the schedule goes on.</summary>
    Failed,
}
