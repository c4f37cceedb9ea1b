using System.Globalization;

namespace CompressionSafety.Reports;

/// <summary>
/// Axis ticks a reader can use: values at 1, 2, 2.5 or 5 × 10^k covering the data, and times at whole minutes, hours
/// or days inside the data's span. Pure arithmetic on the inputs, so a regenerated report has the same bytes.
/// </summary>
internal static class ChartTicks
{
    /// <summary>At most this many intervals on a value axis, so 3 to 5 labels fit the chart's height.</summary>
    private const int ValueIntervals = 4;

    /// <summary>At most this many labels on a time axis, so date-and-time labels do not overlap.</summary>
    private const int MaxTimeTicks = 5;

    private static readonly double[] Mantissas = [1, 2, 2.5, 5, 10];

    private static readonly TimeSpan[] TimeSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
        TimeSpan.FromDays(2), TimeSpan.FromDays(4), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(28),
    ];

    /// <summary>
    /// Evenly spaced ticks from a multiple of the step at or below <paramref name="min"/> to one at or above
    /// <paramref name="max"/>, the step being the smallest 1, 2, 2.5 or 5 × 10^k giving at most four intervals
    /// (0..0.315 gives 0, 0.1, 0.2, 0.3, 0.4). The last tick is the axis maximum.
    /// </summary>
    public static IReadOnlyList<double> Values(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(max), "the range must be finite");
        }

        if (max <= min)
        {
            max = min + (min == 0 ? 1 : Math.Abs(min));
        }

        var raw = (max - min) / ValueIntervals;
        var exponent = (int)Math.Floor(Math.Log10(raw));
        var magnitude = Math.Pow(10, exponent);
        var mantissa = Mantissas.First(m => (m * magnitude) >= raw * (1 - 1e-12));
        var step = mantissa * magnitude;
        // One decimal more than the step's exponent covers 2.5 × 10^k; rounding removes 3 × 0.1 = 0.30000000000000004.
        var digits = Math.Clamp(1 - exponent, 0, 15);
        // The tolerance keeps a bound that is a multiple of the step (0.3 / 0.1 = 2.9999999999999996) on that multiple.
        var first = (long)Math.Floor((min / step) + 1e-9);
        var last = (long)Math.Ceiling((max / step) - 1e-9);
        var ticks = new List<double>((int)(last - first + 1));
        for (var i = first; i <= last; i++)
        {
            ticks.Add(Math.Round(i * step, digits));
        }

        return ticks;
    }

    /// <summary>
    /// Ticks at multiples (from the Unix epoch, so whole hours and UTC midnights) of the smallest of 1, 2, 5, 10,
    /// 15, 30 minutes, 1, 2, 3, 6, 12 hours, 1, 2, 4, 7, 14, 28 days (or more whole days) that puts at most five
    /// inside [<paramref name="from"/>, <paramref name="to"/>]; <paramref name="from"/> alone when none falls inside.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Times(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            (from, to) = (to, from);
        }

        var span = to - from;
        var step = TimeSteps.FirstOrDefault(s => Count(from, to, s) <= MaxTimeTicks);
        if (step == TimeSpan.Zero)
        {
            step = TimeSpan.FromDays(Math.Ceiling(span.TotalDays / (MaxTimeTicks - 1)));
        }

        var ticks = new List<DateTimeOffset>();
        for (var t = FirstAtOrAfter(from, step); t <= to; t += step)
        {
            ticks.Add(t);
        }

        return ticks.Count == 0 ? [from] : ticks;
    }

    /// <summary>
    /// Labels for time ticks: <c>HH:mm</c> when the span is one UTC day (the axis title names the day), otherwise
    /// <c>MMM d HH:mm</c>, or <c>MMM d</c> when every tick is a midnight.
    /// </summary>
    public static IReadOnlyList<string> TimeLabels(IReadOnlyList<DateTimeOffset> ticks, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var format = OneDay(from, to) ? "HH:mm"
            : ticks.All(t => t.UtcDateTime.TimeOfDay == TimeSpan.Zero) ? "MMM d"
            : "MMM d HH:mm";
        return ticks.Select(t => t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>True when <paramref name="from"/> and <paramref name="to"/> are on the same UTC day.</summary>
    public static bool OneDay(DateTimeOffset from, DateTimeOffset to) => from.UtcDateTime.Date == to.UtcDateTime.Date;

    private static int Count(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var first = FirstAtOrAfter(from, step);
        return first > to ? 0 : (int)((to - first).Ticks / step.Ticks) + 1;
    }

    private static DateTimeOffset FirstAtOrAfter(DateTimeOffset time, TimeSpan step)
    {
        var sinceEpoch = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var rest = ((sinceEpoch % step.Ticks) + step.Ticks) % step.Ticks;
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(rest == 0 ? sinceEpoch : sinceEpoch - rest + step.Ticks);
    }
}
