using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Evaluation;

/// <summary>Runs the baseline re-evaluation on the configured schedule, timed by the injected <see cref="TimeProvider"/>.</summary>
internal sealed class EvaluationService(
    IEvaluationRunner runner, IOptions<EvaluationOptions> options, TimeProvider time, ILogger<EvaluationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            if (!settings.RunAtStartup)
            {
                await Task.Delay(settings.Interval, time, stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(settings.Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: nothing to drain, the last snapshot on disk stays valid.
        }
    }

    private async Task RunPassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failed pass (a file being replaced, a bad model) must not end the schedule; the previous
            // snapshot stays in place and the next pass retries.
            Log.EvaluationFailed(logger, ex);
        }
    }
}
