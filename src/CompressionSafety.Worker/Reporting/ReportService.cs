using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Reporting;

/// <summary>
/// Writes the revalidation report of each period at its end + <c>RunAt</c>, timed by the injected
/// <see cref="TimeProvider"/>. A run that finds no archive or fails is logged and counted; the schedule goes on.
/// </summary>
internal sealed class ReportService(
    ReportRunner runner, IOptions<ReportOptions> options, TimeProvider time, ILogger<ReportService> logger) : BackgroundService
{
    /// <summary>Called after every run (tests wait on it instead of on the clock).</summary>
    internal Action<ReportRun>? RunCompleted { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var next = ReportSchedule.NextRun(time.GetUtcNow(), settings.Period, settings.RunAt);
        try
        {
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
}
