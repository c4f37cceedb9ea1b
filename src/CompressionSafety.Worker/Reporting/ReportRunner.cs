using System.Reflection;
using CompressionSafety.Files;
using CompressionSafety.Reports;
using CompressionSafety.Worker.Archive;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Reporting;

/// <summary>
/// Writes the report of the period before a run time from the archive, through the same <see cref="ReportSources"/>
/// and <see cref="ReportJob"/> as <c>compression-safety report --windows ARCHIVE --from --to --generated-at</c>, and
/// the reports of periods whose run was missed (<see cref="CatchUp"/>).
/// </summary>
internal sealed class ReportRunner(
    IOptions<ReportOptions> options, IOptions<ArchiveOptions> archive, ReportMetrics metrics, TimeProvider time, ILogger<ReportRunner> logger)
{
    /// <summary>The version written into reports: the worker's build, as the CLI writes its own.</summary>
    public static string ToolVersion { get; } =
        typeof(ReportRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Writes the report of the last complete period at <paramref name="runTime"/>, which is also its generation time; an existing folder is replaced.</summary>
    public ReportRun Run(DateTimeOffset runTime)
    {
        var settings = options.Value;
        var (from, to) = ReportSchedule.PeriodBefore(runTime - settings.RunAt, settings.Period);
        var directory = Path.Combine(settings.OutputDirectory, ReportSources.PeriodFolder(from, to));
        var outcome = Write(settings, from, to, runTime, directory, catchUp: false) ?? ReportOutcome.Written;
        metrics.Count(outcome);
        return new ReportRun(outcome, from, to, directory);
    }

    /// <summary>
    /// Writes the report of the missed period [<paramref name="from"/>, <paramref name="to"/>), generated at the
    /// clock's current time, when it has an archive day file and no report folder yet; an existing folder is never
    /// touched. Returns null when there was nothing to do.
    /// </summary>
    public ReportRun? CatchUp(DateTimeOffset from, DateTimeOffset to)
    {
        var settings = options.Value;
        var directory = Path.Combine(settings.OutputDirectory, ReportSources.PeriodFolder(from, to));
        if (Directory.Exists(directory))
        {
            return null;
        }

        if (!HasWindows(from, to))
        {
            // Not a warning: the worker was not running then, or no traffic came; the scheduled run already warned if it ran.
            ReportLog.CatchUpSkipped(logger, from, to, "no archive day file overlaps the period");
            return null;
        }

        var outcome = Write(settings, from, to, time.GetUtcNow(), directory, catchUp: true);
        if (outcome is not { } done)
        {
            return null;
        }

        metrics.Count(done);
        return new ReportRun(done, from, to, directory);
    }

    private bool HasWindows(DateTimeOffset from, DateTimeOffset to) =>
        ArchiveFiles.Days(archive.Value.Directory ?? string.Empty, ArchiveFiles.WindowsPrefix).Any(day =>
        {
            // Windows are filed by the UTC day of their start: a day file can hold the period's windows when the day overlaps it.
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return start < to && start.AddDays(1) > from;
        });

    /// <summary>Writes one report; a catch-up never replaces a folder and returns null when one appeared meanwhile.</summary>
    private ReportOutcome? Write(ReportOptions settings, DateTimeOffset from, DateTimeOffset to, DateTimeOffset generatedAt, string directory, bool catchUp)
    {
        var archiveDirectory = archive.Value.Directory ?? string.Empty;
        if (!Directory.Exists(archiveDirectory))
        {
            ReportLog.MissingArchive(logger, from, to, $"the archive folder {archiveDirectory} does not exist");
            return ReportOutcome.MissingArchive;
        }

        var evaluation = settings.EvaluationDirectory;
        if (!string.IsNullOrWhiteSpace(evaluation) && !File.Exists(Path.Combine(evaluation, "evaluation.json")))
        {
            // The re-evaluation may not have finished its first pass yet; the report says "unknown" for its hashes.
            ReportLog.NoEvaluation(logger, evaluation);
            evaluation = null;
        }

        try
        {
            var request = ReportSources.Resolve(
                archiveDirectory, null, string.IsNullOrWhiteSpace(evaluation) ? null : evaluation, from, to, generatedAt, ToolVersion);
            // Written beside and moved into place, so a reader never sees a half-written report folder.
            var staging = directory + ".tmp";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            var report = ReportJob.Run(request, staging);
            if (Directory.Exists(directory))
            {
                if (catchUp)
                {
                    // Someone (the CLI, another instance) wrote it while this one was being built: theirs stays.
                    Directory.Delete(staging, recursive: true);
                    ReportLog.CatchUpSkipped(logger, from, to, "the report folder appeared while it was being written");
                    return null;
                }

                Directory.Delete(directory, recursive: true);
            }

            Directory.Move(staging, directory);
            if (catchUp)
            {
                ReportLog.CaughtUp(logger, from, to, directory, generatedAt, report.Decisions.Count, report.Incidents.Count, report.WindowsUsed);
                return ReportOutcome.CaughtUp;
            }

            ReportLog.Written(logger, from, to, directory, report.Decisions.Count, report.Incidents.Count, report.WindowsUsed);
            return ReportOutcome.Written;
        }
        catch (FileNotFoundException ex)
        {
            ReportLog.MissingArchive(logger, from, to, ex.Message);
            return ReportOutcome.MissingArchive;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException or FormatException or KeyNotFoundException)
        {
            ReportLog.Failed(logger, from, to, ex);
            return ReportOutcome.Failed;
        }
    }
}
