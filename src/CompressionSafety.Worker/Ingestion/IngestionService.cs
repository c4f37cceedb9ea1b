using CompressionSafety.Worker.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// Hosts the consume loop on its own thread (a blocking Kafka poll must not hold a thread-pool thread) and
/// stops the host when the loop dies, so no zombie consumer keeps the process looking alive.
/// </summary>
internal sealed class IngestionService(
    Func<IngestionLoop> createLoop,
    IHostApplicationLifetime lifetime,
    WorkerHealth health,
    ILogger<IngestionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Run(completion, stoppingToken))
        {
            IsBackground = true,
            Name = "cs-consume", // Linux shows 15 characters of a thread name (top -H, /proc): short and distinct
        };
        thread.Start();
        return completion.Task;
    }

    private void Run(TaskCompletionSource completion, CancellationToken stoppingToken)
    {
        try
        {
            createLoop().Run(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping while waiting for a publisher slot: the record in hand was not stored, so it is replayed.
        }
#pragma warning disable CA1031 // Any failure of the loop must stop the host, whatever its type.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.Fatal(logger, ex.Message, ex);
            health.Fatal(ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
        finally
        {
            completion.TrySetResult();
        }
    }
}
