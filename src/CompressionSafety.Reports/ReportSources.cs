using System.Globalization;
using CompressionSafety.Files;

namespace CompressionSafety.Reports;

/// <summary>
/// Finds a report's input files: the one "files in" path shared by <c>compression-safety report</c> and the worker's
/// scheduled report, so both read the same files for the same period (docs/reports.md).
/// </summary>
public static class ReportSources
{
    /// <summary>
    /// Resolves <paramref name="windows"/>: a <c>windows.jsonl</c>, a folder holding one (with <c>incidents.jsonl</c>
    /// and <c>summary.json</c> next to it when present), or the worker's archive folder (the
    /// <c>windows-YYYY-MM-DD.jsonl</c> of the days the period touches, every <c>incidents-YYYY-MM-DD.jsonl</c> up to its
    /// last day, since an incident may have fired before the period and still be firing, and the days' run files).
    /// </summary>
    /// <param name="windows">File or folder.</param>
    /// <param name="incidentsFile">An explicit incidents file, or null for the default described above.</param>
    /// <param name="evaluationDirectory">The folder of an <c>evaluation.json</c>, or null.</param>
    /// <param name="from">Period start, or null.</param>
    /// <param name="to">Period end (exclusive), or null.</param>
    /// <param name="generatedAt">The generation time written into the report.</param>
    /// <param name="toolVersion">The tool version written into the report.</param>
    /// <returns>The request.</returns>
    /// <exception cref="FileNotFoundException">No windows file: missing path, or an archive without a day in the period.</exception>
    public static ReportRequest Resolve(
        string windows, string? incidentsFile, string? evaluationDirectory, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset generatedAt, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var evaluationFile = evaluationDirectory is null ? null : Path.Combine(evaluationDirectory, "evaluation.json");
        var windowsFile = Directory.Exists(windows) ? Path.Combine(windows, "windows.jsonl") : windows;
        if (Directory.Exists(windows) && !File.Exists(windowsFile) && ArchiveFiles.Days(windows, ArchiveFiles.WindowsPrefix).Count > 0)
        {
            return FromArchive(windows, incidentsFile, evaluationFile, from, to, generatedAt, toolVersion);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(windowsFile))!;
        var sibling = Path.Combine(folder, "incidents.jsonl");
        var summary = Path.Combine(folder, "summary.json");
        return new ReportRequest(
            [windowsFile],
            incidentsFile ?? (File.Exists(sibling) ? sibling : null),
            evaluationFile,
            from,
            to,
            generatedAt,
            toolVersion)
        {
            RunFiles = File.Exists(summary) ? [summary] : [],
        };
    }

    /// <summary>The folder name of a period's report: <c>20261126T000000Z_20261127T000000Z</c>.</summary>
    /// <param name="from">Period start.</param>
    /// <param name="to">Period end.</param>
    /// <returns>The name.</returns>
    public static string PeriodFolder(DateTimeOffset from, DateTimeOffset to) =>
        Stamp(from) + "_" + Stamp(to);

    private static ReportRequest FromArchive(
        string directory, string? incidentsFile, string? evaluationFile, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset generatedAt, string toolVersion)
    {
        // Windows are filed by the UTC day of their start: a day can hold windows of the period when it starts before the period ends.
        var days = ArchiveFiles.Days(directory, ArchiveFiles.WindowsPrefix)
            .Where(d => (from is null || Start(d).AddDays(1) > from) && (to is null || Start(d) < to))
            .ToList();
        if (days.Count == 0)
        {
            throw new FileNotFoundException(string.Create(
                CultureInfo.InvariantCulture,
                $"the archive {directory} has no windows file for the period {from:O} to {to:O}"));
        }

        var last = days[^1];
        var incidents = incidentsFile is not null
            ? [incidentsFile]
            : ArchiveFiles.Days(directory, ArchiveFiles.IncidentsPrefix).Where(d => d <= last)
                .Select(d => Path.Combine(directory, ArchiveFiles.Incidents(d))).ToList();
        return new ReportRequest(
            days.Select(d => Path.Combine(directory, ArchiveFiles.Windows(d))).ToList(),
            incidents.FirstOrDefault(),
            evaluationFile,
            from,
            to,
            generatedAt,
            toolVersion)
        {
            MoreIncidentsFiles = incidents.Skip(1).ToList(),
            RunFiles = days.Select(d => Path.Combine(directory, ArchiveFiles.Run(d))).Where(File.Exists).ToList(),
        };
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
