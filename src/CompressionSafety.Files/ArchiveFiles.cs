using System.Globalization;


namespace CompressionSafety.Files;

/// <summary>
/// Names of the worker's archive files, one set per UTC day of event time: <c>windows-YYYY-MM-DD.jsonl</c>,
/// <c>incidents-YYYY-MM-DD.jsonl</c> (the formats of <c>windows.jsonl</c> and <c>incidents.jsonl</c>) and
/// <c>run-YYYY-MM-DD.json</c> (what ran: configuration and rule-set hashes). Shared by the writer (the worker) and the
/// readers (the report), so the two cannot drift apart.
/// </summary>
public static class ArchiveFiles
{
    /// <summary>Prefix of window files.</summary>
    public const string WindowsPrefix = "windows-";

    /// <summary>Prefix of incident files.</summary>
    public const string IncidentsPrefix = "incidents-";

    /// <summary>Prefix of run files.</summary>
    public const string RunPrefix = "run-";

    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>The UTC day of <paramref name="time"/>.</summary>
    /// <param name="time">An event time.</param>
    /// <returns>The day.</returns>
    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    /// <summary>The window file of <paramref name="day"/>.</summary>
    /// <param name="day">The UTC day.</param>
    /// <returns>The file name.</returns>
    public static string Windows(DateOnly day) => WindowsPrefix + Text(day) + ".jsonl";

    /// <summary>The incident file of <paramref name="day"/>.</summary>
    /// <param name="day">The UTC day.</param>
    /// <returns>The file name.</returns>
    public static string Incidents(DateOnly day) => IncidentsPrefix + Text(day) + ".jsonl";

    /// <summary>The run file of <paramref name="day"/>.</summary>
    /// <param name="day">The UTC day.</param>
    /// <returns>The file name.</returns>
    public static string Run(DateOnly day) => RunPrefix + Text(day) + ".json";

    /// <summary>Reads the day out of an archive file name with the given prefix.</summary>
    /// <param name="fileName">A file name without folder.</param>
    /// <param name="prefix">One of the prefixes.</param>
    /// <param name="day">The day, when the name matches.</param>
    /// <returns>True when <paramref name="fileName"/> is <paramref name="prefix"/>, a day and an extension.</returns>
    public static bool TryParseDay(string fileName, string prefix, out DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(prefix);
        day = default;
        var extension = prefix == RunPrefix ? ".json" : ".jsonl";
        return fileName.Length == prefix.Length + DayFormat.Length + extension.Length
            && fileName.StartsWith(prefix, StringComparison.Ordinal)
            && fileName.EndsWith(extension, StringComparison.Ordinal)
            && DateOnly.TryParseExact(fileName.AsSpan(prefix.Length, DayFormat.Length), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>The days that have a file with <paramref name="prefix"/> in <paramref name="directory"/>, ascending.</summary>
    /// <param name="directory">The archive folder.</param>
    /// <param name="prefix">One of the prefixes.</param>
    /// <returns>The days; empty when the folder does not exist.</returns>
    public static IReadOnlyList<DateOnly> Days(string directory, string prefix)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var days = new List<DateOnly>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (TryParseDay(Path.GetFileName(path), prefix, out var day))
            {
                days.Add(day);
            }
        }

        days.Sort();
        return days;
    }

    private static string Text(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);
}
