using System.Globalization;

namespace CompressionSafety.Reports;

/// <summary>Culture-invariant formatting shared by the writers, so the bytes never depend on the machine.</summary>
internal static partial class Format
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Percent(double value) => (value * 100.0).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentage for an axis tick, as short as its value allows (2.5%, 10%).</summary>
    public static string PercentTick(double value) => (value * 100.0).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Points(double value) =>
        (value >= 0 ? "+" : string.Empty) + (value * 100.0).ToString("0.00", CultureInfo.InvariantCulture) + " pp";

    /// <summary>
    /// Text from the data (model, variant, slice, rule and file names, reasons) as inline Markdown that shows as
    /// written: Markdown and HTML syntax is escaped, line breaks become spaces (a table row is one line), and other
    /// control characters are shown as <c>\uXXXX</c>.
    /// </summary>
    public static string Md(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '~' or '!':
                    sb.Append('\\').Append(ch);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\n' or '\r' or '\t':
                    sb.Append(' ');
                    break;
                default:
                    if (char.IsControl(ch))
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// An incident's evidence value in the unit its tables use: rates and rate differences (and their bounds) in
    /// percentage points like every rate table of the report, other statistics (CUSUMs, PSI, counts) as numbers.
    /// </summary>
    public static string Evidence(string metric, double value) =>
        RateMetric().IsMatch(metric) ? Points(value) : Number(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"_rate(_diff(_cs)?)?(_low|_high)?$")]
    private static partial System.Text.RegularExpressions.Regex RateMetric();

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
