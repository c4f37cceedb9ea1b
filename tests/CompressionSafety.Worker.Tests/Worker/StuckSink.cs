using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>A metrics sink whose backend is down for good: it takes windows, and a flush never completes.</summary>
internal sealed class StuckSink : IMetricsSink
{
    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _written;
    private int _flushes;

    public int Written => Volatile.Read(ref _written);

    public int Flushes => Volatile.Read(ref _flushes);

    public void Write(WindowResult result) => Interlocked.Increment(ref _written);

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _flushes);
        return _never.Task.WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
