using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Reporting;

/// <summary>
/// Writes the revalidation report of each period at its end + <c>RunAt</c>, timed by the injected
/// <see cref="TimeProvider"/>. On start and before each run it first writes the missing reports of the last
/// <c>CatchUpPeriods</c> due periods that have archive data, oldest first. A run that finds no archive or fails is
/// logged and counted; the schedule goes on.
/// </summary>
internal sealed class ReportService(
    ReportRunner runner, IOptions<ReportOptions> options, TimeProvider time, ILogger<ReportService> logger) : BackgroundService
{
    /// <summary>Called after every run, catch-ups included (tests wait on it instead of on the clock).</summary>
    internal Action<ReportRun>? RunCompleted { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            var now = time.GetUtcNow();
            await CatchUpAsync(ReportSchedule.DuePeriods(now, settings.Period, settings.RunAt, settings.CatchUpPeriods), stoppingToken).ConfigureAwait(false);
            var next = ReportSchedule.NextRun(now, settings.Period, settings.RunAt);
            while (!stoppingToken.IsCancellationRequested)
            {
                var (from, to) = ReportSchedule.PeriodBefore(next - settings.RunAt, settings.Period);
                ReportLog.Scheduled(logger, next, from, to);
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }

                var scheduled = next;
                // The periods before the scheduled one, seen from the scheduled time rather than the clock: after a
                // long pause the loop itself runs the periods it slept through, with their own pinned times.
                var older = ReportSchedule.DuePeriods(scheduled, settings.Period, settings.RunAt, settings.CatchUpPeriods).SkipLast(1);
                await CatchUpAsync(older, stoppingToken).ConfigureAwait(false);
                // File work off the host's threads; the generation time is the scheduled time, so a late run writes the same bytes.
                var run = await Task.Run(() => runner.Run(scheduled), stoppingToken).ConfigureAwait(false);
                RunCompleted?.Invoke(run);
                next = ReportSchedule.NextRun(scheduled, settings.Period, settings.RunAt);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: a report is either fully moved into place or not there at all.
        }
    }

    private async Task CatchUpAsync(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> periods, CancellationToken stoppingToken)
    {
        foreach (var (from, to) in periods)
        {
            var run = await Task.Run(() => runner.CatchUp(from, to), stoppingToken).ConfigureAwait(false);
            if (run is not null)
            {
                RunCompleted?.Invoke(run);
            }
        }
    }
}
