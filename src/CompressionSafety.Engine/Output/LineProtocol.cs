using System.Globalization;
using System.Text;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Output;

/// <summary>
/// Formats window results as InfluxDB line protocol, one point per window, key, reference and metric:
/// <c>compression_safety_window,model=M,variant=V,slice=S,kind=traffic,reference=self,metric=flagged_rate value=0.12 T</c>.
/// The timestamp is the window start in nanoseconds since the epoch. The file sink and the InfluxDB sink share this
/// format, so dashboards work on either; docs/metrics.md documents it. Incident state changes are points of the same
/// writer (<see cref="AppendIncident"/>), escaped by the same <see cref="EscapeTag"/>.
/// </summary>
public static partial class LineProtocol
{
    /// <summary>The measurement of window metrics.</summary>
    public const string WindowMeasurement = "compression_safety_window";

    /// <summary>The <c>reference</c> tag of a key's own metrics.</summary>
    public const string SelfReference = "self";

    /// <summary>The character written in place of each character that line protocol cannot carry.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Appends every point of <paramref name="result"/> to <paramref name="builder"/>, each line ending in <c>\n</c>. Non-finite values are skipped.</summary>
    public static void Append(StringBuilder builder, WindowResult result)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(result);
        var timestamp = (result.WindowStart - DateTimeOffset.UnixEpoch).Ticks * 100;
        var kind = result.Kind == WindowKind.Traffic ? "traffic" : "labels";

        // Everything before the metric's name is the same for all points of a result and reference: escape and
        // format it once, not once per point.
        var series = new StringBuilder(WindowMeasurement.Length + 96)
            .Append(WindowMeasurement)
            .Append(",model=").Append(EscapeTag(result.Key.Model))
            .Append(",variant=").Append(EscapeTag(result.Key.Variant))
            .Append(",slice=").Append(EscapeTag(result.Key.Slice))
            .Append(",kind=").Append(kind)
            .Append(",reference=");
        var tags = series.Length;
        var time = timestamp.ToString(CultureInfo.InvariantCulture);
        series.Append(EscapeTag(SelfReference)).Append(",metric=");
        AppendPoints(builder, series.ToString(), result.Metrics, time);
        foreach (var comparison in result.References)
        {
            series.Length = tags;
            series.Append(EscapeTag(comparison.Reference)).Append(",metric=");
            AppendPoints(builder, series.ToString(), comparison.Values, time);
        }
    }

    /// <summary>The points of <paramref name="result"/> as one string.</summary>
    public static string Format(WindowResult result)
    {
        var builder = new StringBuilder();
        Append(builder, result);
        return builder.ToString();
    }

    /// <summary>
    /// Escapes a tag key, tag value or field key: a backslash before each comma, equals sign, space and backslash.
    /// Control characters (newline, carriage return, tab, the rest of C0 and C1, DEL) cannot be escaped in line
    /// protocol, and an unescaped newline would end the point and start a forged one, so each becomes U+FFFD; an
    /// empty value (which the grammar forbids) becomes one U+FFFD.
    /// </summary>
    public static string EscapeTag(string value) => Escape(value, TagSpecials);

    /// <summary>Escapes a measurement: a backslash before each comma, space and backslash; control characters as <see cref="EscapeTag"/>.</summary>
    public static string EscapeMeasurement(string value) => Escape(value, MeasurementSpecials);

    /// <summary>Escapes the inside of a string field value (without its quotes): a backslash before each double quote and backslash; control characters as <see cref="EscapeTag"/>.</summary>
    public static string EscapeFieldString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? value : Escape(value, FieldStringSpecials);
    }

    private const string TagSpecials = ", =\\";
    private const string MeasurementSpecials = ", \\";
    private const string FieldStringSpecials = "\"\\";

    private static string Escape(string value, string specials)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return Replacement.ToString();
        }

        if (value.AsSpan().IndexOfAny(specials) < 0 && !HasControl(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                builder.Append(Replacement);
                continue;
            }

            if (specials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The values in ordinal order of name: as they are when they come from the engine's sorted metric writer, otherwise sorted here.</summary>
    internal static IEnumerable<KeyValuePair<string, double>> Sorted(IReadOnlyDictionary<string, double> values) =>
        values is SortedDictionary<string, double> sorted && ReferenceEquals(sorted.Comparer, StringComparer.Ordinal)
            ? sorted
            : values.OrderBy(pair => pair.Key, StringComparer.Ordinal);

    private static void AppendPoints(StringBuilder builder, string series, IReadOnlyDictionary<string, double> values, string timestamp)
    {
        if (values is SortedDictionary<string, double> sorted && ReferenceEquals(sorted.Comparer, StringComparer.Ordinal))
        {
            // The common case, enumerated as the struct enumerator it is.
            foreach (var (name, value) in sorted)
            {
                AppendPoint(builder, series, name, value, timestamp);
            }

            return;
        }

        foreach (var (name, value) in Sorted(values))
        {
            AppendPoint(builder, series, name, value, timestamp);
        }
    }

    private static void AppendPoint(StringBuilder builder, string series, string metric, double value, string timestamp)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        builder.Append(series)
            .Append(EscapeTag(metric))
            .Append(" value=").Append(CultureInfo.InvariantCulture, $"{value:R}")
            .Append(' ').Append(timestamp)
            .Append('\n');
    }
}
