using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CompressionSafety.Reports;

namespace CompressionSafety.Cli.Commands;

/// <summary>
/// <c>compression-safety report</c>: writes <c>report.json</c>, <c>report.md</c> and <c>report.html</c> from the
/// monitor's windows, incidents and an optional evaluation (docs/reports.md). Exit 0, or 1 on an input error.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var windows = new Option<FileSystemInfo>("--windows") { Description = "windows.jsonl, a folder holding one, or the worker's archive folder (windows-YYYY-MM-DD.jsonl).", Required = true };
        var evaluation = new Option<DirectoryInfo?>("--evaluation") { Description = "Folder of evaluate's evaluation.json." };
        var incidents = new Option<FileInfo?>("--incidents") { Description = "incidents.jsonl (default: next to windows.jsonl when present)." };
        var from = new Option<string?>("--from") { Description = "Leave out windows starting before this time (ISO 8601, UTC)." };
        var to = new Option<string?>("--to") { Description = "Leave out windows ending after this time (ISO 8601, UTC); with an archive, the period is [from, to)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the report files.", Required = true };
        var generatedAt = new Option<string?>("--generated-at") { Description = "Pin the generation time (ISO 8601) for identical bytes." };
        var command = new Command("report", "Write a revalidation report (HTML, Markdown, JSON) for a period.")
        {
            windows, evaluation, incidents, from, to, output, generatedAt,
        };
        command.SetAction(parse =>
        {
            DateTimeOffset? start, end;
            try
            {
                (start, end) = (Time(parse.GetValue(from)), Time(parse.GetValue(to)));
            }
            catch (FormatException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine("report: --from/--to: " + ex.Message);
                return ExitCodes.InvalidConfiguration;
            }

            if (start >= end)
            {
                parse.InvocationConfiguration.Error.WriteLine($"report: --from {parse.GetValue(from)} is not before --to {parse.GetValue(to)}: the period is empty");
                return ExitCodes.InvalidConfiguration;
            }

            try
            {
                var request = ReportSources.Resolve(
                    parse.GetValue(windows)!.FullName,
                    parse.GetValue(incidents)?.FullName,
                    parse.GetValue(evaluation)?.FullName,
                    start,
                    end,
                    Time(parse.GetValue(generatedAt)) ?? TimeProvider.System.GetUtcNow(),
                    ToolVersion.Current);
                var outDir = parse.GetValue(output)!.FullName;
                var report = ReportJob.Run(request, outDir);
                parse.InvocationConfiguration.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"report: {report.Decisions.Count} variants, {report.Incidents.Count} incidents, {report.WindowsUsed} windows -> {outDir}"));
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or FormatException or KeyNotFoundException)
            {
                parse.InvocationConfiguration.Error.WriteLine("report: " + ex.Message);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    private static DateTimeOffset? Time(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
