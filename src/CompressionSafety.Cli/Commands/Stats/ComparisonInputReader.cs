using System.Globalization;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>Reads the comparison verbs' input files, failing with the file and line of the first bad value.</summary>
internal static class ComparisonInputReader
{
    public const string PairedHeader = "baseline_correct,variant_correct";

    /// <summary>One finite number per line.</summary>
    public static List<double> ReadValues(string path)
    {
        var values = new List<double>();
        var lineNumber = 0;
        foreach (var raw in ReadLines(path))
        {
            lineNumber++;
            var text = raw.Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new ComparisonInputException($"{path}:{lineNumber}: '{Shorten(text)}' is not a finite number.");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new ComparisonInputException($"{path}: no values (the sample is empty).");
        }

        return values;
    }

    /// <summary>A CSV with the header <see cref="PairedHeader"/> and rows of 0/1 pairs.</summary>
    public static List<(bool Baseline, bool Variant)> ReadPaired(string path)
    {
        var rows = new List<(bool, bool)>();
        var lineNumber = 0;
        foreach (var raw in ReadLines(path))
        {
            lineNumber++;
            var text = raw.Trim();
            if (lineNumber == 1)
            {
                if (!string.Equals(text, PairedHeader, StringComparison.Ordinal))
                {
                    throw new ComparisonInputException($"{path}:1: expected the header '{PairedHeader}', found '{Shorten(text)}'.");
                }

                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != 2 || !TryBit(fields[0], out var baseline) || !TryBit(fields[1], out var variant))
            {
                throw new ComparisonInputException($"{path}:{lineNumber}: expected two 0/1 values, found '{Shorten(text)}'.");
            }

            rows.Add((baseline, variant));
        }

        if (lineNumber == 0)
        {
            throw new ComparisonInputException($"{path}: the file is empty (expected the header '{PairedHeader}').");
        }

        if (rows.Count == 0)
        {
            throw new ComparisonInputException($"{path}: no rows after the header (the sample is empty).");
        }

        return rows;
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

        throw new ComparisonInputException($"{option} '{Shorten(text)}': expected X/N with 0 <= X <= N and N > 0.");
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new ComparisonInputException($"{path}: file not found.");
        }

        return File.ReadLines(path);
    }

    private static bool TryBit(string field, out bool bit)
    {
        var text = field.Trim();
        bit = string.Equals(text, "1", StringComparison.Ordinal);
        return bit || string.Equals(text, "0", StringComparison.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
