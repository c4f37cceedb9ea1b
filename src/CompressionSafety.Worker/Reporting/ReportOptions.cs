using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Worker.Reporting;

/// <summary>The scheduled revalidation report (configuration section <c>Reports</c>), built from the archive (docs/worker.md).</summary>
public sealed class ReportOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Reports";

    /// <summary>Runs the schedule; false keeps the section without running it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder that receives one <c>FROM_TO/</c> folder per period.</summary>
    [Required(AllowEmptyStrings = false)]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Length of a report period; periods are aligned to the Unix epoch, as windows are.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after a period's end (UTC) its report is written; less than <see cref="Period"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.23:59:59")]
    public TimeSpan RunAt { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many of the latest periods whose run time has passed are checked, on start and at each run, for a report
    /// that was never written (the worker was down); those with archive data and no report folder are written, oldest
    /// first. 0 disables catch-up.
    /// </summary>
    [Range(0, 1000)]
    public int CatchUpPeriods { get; set; } = 7;

    /// <summary>Folder of the scheduled re-evaluation's <c>evaluation.json</c>, for gates, exemplars and model hashes; empty for none.</summary>
    public string? EvaluationDirectory { get; set; }
}
