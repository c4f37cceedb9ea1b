using System.Globalization;

namespace CompressionSafety.Reports;

/// <summary>Culture-invariant formatting shared by the writers, so the bytes never depend on the machine.</summary>
internal static class Format
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Percent(double value) => (value * 100.0).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentage for an axis tick, as short as its value allows (2.5%, 10%).</summary>
    public static string PercentTick(double value) => (value * 100.0).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Points(double value) =>
        (value >= 0 ? "+" : string.Empty) + (value * 100.0).ToString("0.00", CultureInfo.InvariantCulture) + " pp";

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
