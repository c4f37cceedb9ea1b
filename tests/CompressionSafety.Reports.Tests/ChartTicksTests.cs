namespace CompressionSafety.Reports.Tests;

public sealed class ChartTicksTests
{
    private static DateTimeOffset At(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.0, 0.315, new[] { 0.0, 0.1, 0.2, 0.3, 0.4 })]
    [InlineData(0.0, 0.3, new[] { 0.0, 0.1, 0.2, 0.3 })]
    [InlineData(0.0, 0.1246, new[] { 0.0, 0.05, 0.1, 0.15 })]
    [InlineData(0.0, 0.0105, new[] { 0.0, 0.005, 0.01, 0.015 })]
    [InlineData(0.0, 1.0, new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })]
    [InlineData(0.0, 37.0, new[] { 0.0, 10.0, 20.0, 30.0, 40.0 })]
    [InlineData(-0.3, 0.3, new[] { -0.4, -0.2, 0.0, 0.2, 0.4 })]
    [InlineData(0.0, 0.0, new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })]
    public void Values_Range_NiceStepsCoveringIt(double min, double max, double[] expected)
    {
        Assert.Equal(expected, ChartTicks.Values(min, max));
    }

    [Fact]
    public void Values_NotFinite_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartTicks.Values(0, double.NaN));
    }

    [Fact]
    public void Times_OneDay_SixHourTicksLabelledHoursAndMinutes()
    {
        var ticks = ChartTicks.Times(At(26, 0, 0), At(26, 23, 55));

        Assert.Equal([At(26, 0, 0), At(26, 6, 0), At(26, 12, 0), At(26, 18, 0)], ticks);
        Assert.Equal(["00:00", "06:00", "12:00", "18:00"], ChartTicks.TimeLabels(ticks, At(26, 0, 0), At(26, 23, 55)));
    }

    [Fact]
    public void Times_TwoHoursFromAnOddMinute_HalfHoursInsideTheSpan()
    {
        Assert.Equal([At(26, 6, 30), At(26, 7, 0), At(26, 7, 30), At(26, 8, 0)], ChartTicks.Times(At(26, 6, 10), At(26, 8, 5)));
    }

    [Fact]
    public void Times_ThreeDays_MidnightsLabelledWithTheDate()
    {
        var ticks = ChartTicks.Times(At(24, 0, 0), At(26, 23, 55));

        Assert.Equal([At(24, 0, 0), At(25, 0, 0), At(26, 0, 0)], ticks);
        Assert.Equal(["Nov 24", "Nov 25", "Nov 26"], ChartTicks.TimeLabels(ticks, At(24, 0, 0), At(26, 23, 55)));
    }

    [Fact]
    public void Times_AcrossMidnight_DateAndTimeLabels()
    {
        var ticks = ChartTicks.Times(At(26, 18, 0), At(27, 6, 0));

        Assert.Equal(
            ["Nov 26 18:00", "Nov 26 21:00", "Nov 27 00:00", "Nov 27 03:00", "Nov 27 06:00"],
            ChartTicks.TimeLabels(ticks, At(26, 18, 0), At(27, 6, 0)));
    }

    [Fact]
    public void Times_HalfAYear_AtMostFiveWholeDayTicks()
    {
        var from = At(1, 0, 0).AddMonths(-6);
        var ticks = ChartTicks.Times(from, At(1, 0, 0));

        Assert.InRange(ticks.Count, 3, 5);
        Assert.All(ticks, t => Assert.Equal(TimeSpan.Zero, t.UtcDateTime.TimeOfDay));
    }

    [Fact]
    public void Times_NoWholeMinuteInside_TheStartAlone()
    {
        var only = At(26, 6, 2).AddSeconds(30);

        Assert.Equal([only], ChartTicks.Times(only, only.AddMilliseconds(1)));
    }

    [Fact]
    public void DriftChart_TwoWindowsUpToPsi03_NiceAxisAndMinuteTicks()
    {
        using var inputs = new ReportInputs();
        var html = ReportHtml.Write(ReportBuilder.Build(inputs.Request()));
        var drift = html[html.IndexOf("<svg id=\"chart-drift\"", StringComparison.Ordinal)..];
        drift = drift[..(drift.IndexOf("</svg>", StringComparison.Ordinal) + 6)];

        Assert.Equal(["0", "0.1", "0.2", "0.3", "0.4"], Labels(drift, "end").Take(5));
        Assert.Equal(["00:00", "00:02", "00:04"], Labels(drift, "middle").Where(l => l.Contains(':', StringComparison.Ordinal)));
        Assert.Contains("event time (UTC, 2026-11-26)", drift, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-11-26T00:00:00.000Z<", drift, StringComparison.Ordinal);
    }

    [Fact]
    public void RatesChart_RatesUpTo30Percent_PercentTicksAtNiceSteps()
    {
        using var inputs = new ReportInputs();
        var html = ReportHtml.Write(ReportBuilder.Build(inputs.Request()));
        var rates = html[html.IndexOf("<svg id=\"chart-rates\"", StringComparison.Ordinal)..];
        rates = rates[..(rates.IndexOf("</svg>", StringComparison.Ordinal) + 6)];

        var ticks = Labels(rates, "end").Where(l => l.EndsWith('%')).ToList();
        Assert.Equal("0%", ticks[0]);
        Assert.All(ticks, t => Assert.Matches(@"^\d+(\.5)?%$", t));
    }

    /// <summary>The texts of the chart's <c>text</c> elements with the given anchor, in document order.</summary>
    private static IEnumerable<string> Labels(string svg, string anchor) =>
        System.Text.RegularExpressions.Regex.Matches(svg, "<text [^>]*text-anchor=\"" + anchor + "\">([^<]*)</text>")
            .Select(m => m.Groups[1].Value);
}
