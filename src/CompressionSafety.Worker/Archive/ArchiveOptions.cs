using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Worker.Archive;

/// <summary>
/// The window and incident archive (configuration section <c>Archive</c>): every window result and incident state
/// change appended to day files, the input of the scheduled report. Documented in <c>docs/worker.md</c>.
/// </summary>
public sealed class ArchiveOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Archive";

    /// <summary>Folder of the day files; created at start. Empty: no archive.</summary>
    public string? Directory { get; set; }

    /// <summary>Day files whose day is more than this many days before today (UTC, wall clock) are deleted; null keeps everything.</summary>
    [Range(1, 36_500)]
    public int? RetentionDays { get; set; }
}
