namespace CompressionSafety.Worker.Reporting;

/// <summary>When reports run and which period each covers: periods are [k·Period, (k+1)·Period) from the Unix epoch; the report of a period runs at its end + RunAt.</summary>
internal static class ReportSchedule
{
    /// <summary>The first run time strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeSpan period, TimeSpan runAt)
    {
        // The latest run time at or before now is epoch + k·period + runAt; the next one is a period later.
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - runAt.Ticks;
        var k = Math.DivRem(ticks, period.Ticks, out var rest);
        if (rest < 0)
        {
            k--;
        }

        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(checked((k + 1) * period.Ticks)) + runAt;
    }

    /// <summary>The last complete period at <paramref name="runTime"/>: the one that ended at or before it.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) PeriodBefore(DateTimeOffset runTime, TimeSpan period)
    {
        var sinceEpoch = runTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var to = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(sinceEpoch - (((sinceEpoch % period.Ticks) + period.Ticks) % period.Ticks));
        return (to - period, to);
    }

    /// <summary>The <paramref name="count"/> latest periods whose run time (end + <paramref name="runAt"/>) is at or before <paramref name="dueBy"/>, oldest first.</summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> DuePeriods(DateTimeOffset dueBy, TimeSpan period, TimeSpan runAt, int count)
    {
        var (_, latest) = PeriodBefore(dueBy - runAt, period);
        var periods = new List<(DateTimeOffset From, DateTimeOffset To)>(Math.Max(0, count));
        for (var k = count - 1; k >= 0; k--)
        {
            var to = latest - (period * k);
            periods.Add((to - period, to));
        }

        return periods;
    }
}
