using CompressionSafety.Worker.Archive;
using CompressionSafety.Worker.Reporting;

namespace CompressionSafety.Worker.Tests.Reporting;

public sealed class ReportScheduleTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan QuarterPast = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData("2026-11-27T00:00:00Z", "2026-11-27T00:15:00Z")]
    [InlineData("2026-11-27T00:15:00Z", "2026-11-28T00:15:00Z")]
    [InlineData("2026-11-27T00:14:59Z", "2026-11-27T00:15:00Z")]
    [InlineData("2026-11-26T23:59:59Z", "2026-11-27T00:15:00Z")]
    public void NextRun_DailyAtQuarterPast_FirstRunStrictlyAfterNow(string now, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReportSchedule.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Day, QuarterPast));
    }

    [Fact]
    public void NextRun_HourlyPeriod_RunsEveryHourAtRunAt()
    {
        var now = new DateTimeOffset(2026, 11, 27, 10, 20, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 5, 0, TimeSpan.Zero), ReportSchedule.NextRun(now, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void PeriodBefore_RunAtMidnight_IsThePreviousDay()
    {
        var (from, to) = ReportSchedule.PeriodBefore(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), Day);

        Assert.Equal((new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)), (from, to));
    }

    [Fact]
    public void DuePeriods_BeforeTodaysRunAt_EndsWithTheDayBeforeYesterday()
    {
        var periods = ReportSchedule.DuePeriods(new DateTimeOffset(2026, 11, 27, 0, 14, 59, TimeSpan.Zero), Day, QuarterPast, 3);

        Assert.Equal(
            [
                (new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)),
                (new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero)),
                (new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)),
            ],
            periods);
    }

    [Fact]
    public void DuePeriods_AtRunTime_IncludesThePeriodThatRunsNow()
    {
        var periods = ReportSchedule.DuePeriods(new DateTimeOffset(2026, 11, 27, 0, 15, 0, TimeSpan.Zero), Day, QuarterPast, 2);

        Assert.Equal(
            [new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)],
            periods.Select(p => p.To));
    }

    [Fact]
    public void DuePeriods_CountZero_IsEmpty()
    {
        Assert.Empty(ReportSchedule.DuePeriods(new DateTimeOffset(2026, 11, 27, 0, 15, 0, TimeSpan.Zero), Day, QuarterPast, 0));
    }

    [Fact]
    public void Validator_NegativeCatchUpPeriods_Fails()
    {
        var validator = new ReportOptionsValidator(Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { Directory = "archive" }));

        Assert.Contains("CatchUpPeriods", validator.Validate(null, new ReportOptions { OutputDirectory = "out", CatchUpPeriods = -1 }).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_RunAtNotInsidePeriodAndNoArchive_ListsBoth()
    {
        var validator = new ReportOptionsValidator(Microsoft.Extensions.Options.Options.Create(new ArchiveOptions()));

        var result = validator.Validate(null, new ReportOptions { OutputDirectory = "out", Period = TimeSpan.FromHours(1), RunAt = TimeSpan.FromHours(1) });

        Assert.True(result.Failed);
        Assert.Contains("Reports:RunAt", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Archive:Directory", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_Defaults_NeedOnlyOutputDirectory()
    {
        var validator = new ReportOptionsValidator(Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { Directory = "archive" }));

        Assert.True(validator.Validate(null, new ReportOptions { OutputDirectory = "out" }).Succeeded);
        Assert.Contains("OutputDirectory", validator.Validate(null, new ReportOptions()).FailureMessage, StringComparison.Ordinal);
    }
}
