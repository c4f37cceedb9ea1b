using System.Reflection;
using CompressionSafety.Reports;
using CompressionSafety.Worker.Archive;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Reporting;

/// <summary>
/// Writes the report of the period before a run time from the archive, through the same <see cref="ReportSources"/>
/// and <see cref="ReportJob"/> as <c>compression-safety report --windows ARCHIVE --from --to --generated-at</c>.
/// </summary>
internal sealed class ReportRunner(
    IOptions<ReportOptions> options, IOptions<ArchiveOptions> archive, ReportMetrics metrics, ILogger<ReportRunner> logger)
{
    /// <summary>The version written into reports: the worker's build, as the CLI writes its own.</summary>
    public static string ToolVersion { get; } =
        typeof(ReportRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Writes the report of the last complete period at <paramref name="runTime"/>, which is also its generation time.</summary>
    public ReportRun Run(DateTimeOffset runTime)
    {
        var settings = options.Value;
        var (from, to) = ReportSchedule.PeriodBefore(runTime - settings.RunAt, settings.Period);
        var directory = Path.Combine(settings.OutputDirectory, ReportSources.PeriodFolder(from, to));
        var outcome = Write(settings, from, to, runTime, directory);
        metrics.Count(outcome);
        return new ReportRun(outcome, from, to, directory);
    }

    private ReportOutcome Write(ReportOptions settings, DateTimeOffset from, DateTimeOffset to, DateTimeOffset runTime, string directory)
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
                archiveDirectory, null, string.IsNullOrWhiteSpace(evaluation) ? null : evaluation, from, to, runTime, ToolVersion);
            // Written beside and moved into place, so a reader never sees a half-written report folder.
            var staging = directory + ".tmp";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            var report = ReportJob.Run(request, staging);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.Move(staging, directory);
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
