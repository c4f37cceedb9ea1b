using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Output;

/// <summary>
/// Where closed windows' metrics go (a line-protocol file, InfluxDB). <see cref="Write"/> must never block the engine:
/// a sink that cannot keep up buffers within a bound and counts what it drops.
/// </summary>
public interface IMetricsSink : IAsyncDisposable
{
    /// <summary>Accepts one window result without blocking.</summary>
    void Write(WindowResult result);

    /// <summary>Delivers everything accepted so far, or gives up when <paramref name="cancellationToken"/> fires.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
