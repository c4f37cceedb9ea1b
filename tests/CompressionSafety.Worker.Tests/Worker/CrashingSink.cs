using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Files;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>A line-protocol sink that throws after a number of windows, to make the consume loop die mid-stream.</summary>
internal sealed class CrashingSink(string path, int windowsBeforeCrash) : IMetricsSink
{
    private readonly LineProtocolFileSink _inner = new(path);
    private int _written;

    public void Write(WindowResult result)
    {
        if (Interlocked.Increment(ref _written) > windowsBeforeCrash)
        {
            throw new InvalidOperationException("simulated crash");
        }

        _inner.Write(result);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
