using System.Globalization;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>Reads the stats verbs' input files, failing with the file and line of the first bad entry.</summary>
internal static class StatsInputReader
{
    /// <summary>The header of <c>stats paired</c> input.</summary>
    public const string PairedHeader = "baseline_correct,variant_correct";

    /// <summary>One finite number per line; blank lines are skipped.</summary>
    public static double[] ReadValues(FileInfo file)
    {
        var values = new List<double>();
        var lineNumber = 0;
        foreach (var raw in ReadLines(file))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            values.Add(ParseFinite(line, file, lineNumber, "value"));
        }

        return values.Count == 0 ? throw new StatsInputException($"{file.FullName}: no values (empty sample)") : [.. values];
    }

    /// <summary>One category label per line (trimmed); blank lines are skipped.</summary>
    public static string[] ReadLabels(FileInfo file)
    {
        var labels = ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return labels.Length == 0 ? throw new StatsInputException($"{file.FullName}: no values (empty sample)") : labels;
    }

    /// <summary>CSV with header <c>probability,label</c>; probability in [0, 1], label 0 or 1.</summary>
    public static (double[] Probabilities, bool[] Labels) ReadPredictions(FileInfo file)
    {
        var probabilities = new List<double>();
        var labels = new List<bool>();
        var lineNumber = 0;
        int probabilityColumn = -1, labelColumn = -1, columns = 0;
        foreach (var raw in ReadLines(file))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (probabilityColumn < 0)
            {
                var names = fields.Select(f => f.Trim()).ToList();
                probabilityColumn = names.IndexOf("probability");
                labelColumn = names.IndexOf("label");
                columns = names.Count;
                if (probabilityColumn < 0 || labelColumn < 0)
                {
                    throw new StatsInputException($"{file.FullName}:{lineNumber}: expected the header 'probability,label'");
                }

                continue;
            }

            if (fields.Length != columns)
            {
                throw new StatsInputException($"{file.FullName}:{lineNumber}: expected {columns} fields, found {fields.Length}");
            }

            var p = ParseFinite(fields[probabilityColumn].Trim(), file, lineNumber, "probability");
            if (p is < 0 or > 1)
            {
                throw new StatsInputException($"{file.FullName}:{lineNumber}: probability {fields[probabilityColumn].Trim()} is outside [0, 1]");
            }

            var label = fields[labelColumn].Trim();
            if (label is not ("0" or "1"))
            {
                throw new StatsInputException($"{file.FullName}:{lineNumber}: label '{label}' is not 0 or 1");
            }

            probabilities.Add(p);
            labels.Add(label == "1");
        }

        if (probabilityColumn < 0)
        {
            throw new StatsInputException($"{file.FullName}: empty file, expected the header 'probability,label'");
        }

        return probabilities.Count == 0
            ? throw new StatsInputException($"{file.FullName}: no predictions after the header (empty sample)")
            : ([.. probabilities], [.. labels]);
    }

    /// <summary>A CSV with the header <see cref="PairedHeader"/> and rows of 0/1 pairs.</summary>
    public static List<(bool Baseline, bool Variant)> ReadPaired(FileInfo file)
    {
        var rows = new List<(bool, bool)>();
        var lineNumber = 0;
        foreach (var raw in ReadLines(file))
        {
            lineNumber++;
            var text = raw.Trim();
            if (lineNumber == 1)
            {
                if (!string.Equals(text, PairedHeader, StringComparison.Ordinal))
                {
                    throw new StatsInputException($"{file.FullName}:1: expected the header '{PairedHeader}', found '{Shorten(text)}'.");
                }

                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != 2 || !TryBit(fields[0], out var baseline) || !TryBit(fields[1], out var variant))
            {
                throw new StatsInputException($"{file.FullName}:{lineNumber}: expected two 0/1 values, found '{Shorten(text)}'.");
            }

            rows.Add((baseline, variant));
        }

        if (lineNumber == 0)
        {
            throw new StatsInputException($"{file.FullName}: the file is empty (expected the header '{PairedHeader}').");
        }

        if (rows.Count == 0)
        {
            throw new StatsInputException($"{file.FullName}: no rows after the header (the sample is empty).");
        }

        return rows;
    }

    /// <summary>
    /// A CSV with the given header and one row of non-negative integers per window; with <paramref name="ratePairs"/>
    /// the columns are (successes, trials) pairs and each success count must not exceed its trials.
    /// </summary>
    public static List<long[]> ReadCountRows(FileInfo file, string header, bool ratePairs)
    {
        var columns = header.Split(',').Length;
        var rows = new List<long[]>();
        var lineNumber = 0;
        foreach (var raw in ReadLines(file))
        {
            lineNumber++;
            var text = raw.Trim();
            if (lineNumber == 1)
            {
                if (!string.Equals(text, header, StringComparison.Ordinal))
                {
                    throw new StatsInputException($"{file.FullName}:1: expected the header '{header}', found '{Shorten(text)}'.");
                }

                continue;
            }

            var fields = text.Split(',');
            var row = new long[columns];
            var ok = fields.Length == columns;
            for (var i = 0; ok && i < columns; i++)
            {
                ok = long.TryParse(fields[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out row[i]);
            }

            for (var i = 0; ok && ratePairs && i + 1 < columns; i += 2)
            {
                ok = row[i] <= row[i + 1];
            }

            if (!ok)
            {
                var what = ratePairs ? $"{columns} non-negative integers with each success count at most its trials" : $"{columns} non-negative integers";
                throw new StatsInputException($"{file.FullName}:{lineNumber}: expected {what}, found '{Shorten(text)}'.");
            }

            rows.Add(row);
        }

        if (lineNumber == 0)
        {
            throw new StatsInputException($"{file.FullName}: the file is empty (expected the header '{header}').");
        }

        return rows.Count == 0 ? throw new StatsInputException($"{file.FullName}: no rows after the header (the sample is empty).") : rows;
    }

    /// <summary>A count pair written <c>X/N</c>, as <c>--a 12/100</c>.</summary>
    public static (long Successes, long Trials) ParseCounts(string option, string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && long.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var successes)
            && long.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var trials)
            && trials > 0
            && successes <= trials)
        {
            return (successes, trials);
        }

        throw new StatsInputException($"{option} '{Shorten(text)}': expected X/N with 0 <= X <= N and N > 0.");
    }

    private static bool TryBit(string field, out bool bit)
    {
        var text = field.Trim();
        bit = string.Equals(text, "1", StringComparison.Ordinal);
        return bit || string.Equals(text, "0", StringComparison.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");

    private static double ParseFinite(string text, FileInfo file, int lineNumber, string what)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new StatsInputException($"{file.FullName}:{lineNumber}: {what} '{text}' is not a finite number");
        }

        return value;
    }

    private static string[] ReadLines(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new StatsInputException($"{file.FullName}: file not found");
        }

        try
        {
            return File.ReadAllLines(file.FullName);
        }
        catch (IOException e)
        {
            throw new StatsInputException($"{file.FullName}: cannot read ({e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StatsInputException($"{file.FullName}: cannot read ({e.Message})");
        }
    }
}
