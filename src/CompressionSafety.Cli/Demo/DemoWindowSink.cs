using System.Globalization;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Files;

namespace CompressionSafety.Cli.Demo;

/// <summary>
/// The demo's metrics sink: writes every window the worker closes to the output folder (windows.jsonl and
/// metrics.lp, as replay does) and prints one live line per closed traffic window with each variant's flagged rate.
/// </summary>
internal sealed class DemoWindowSink(OutputFolder output, TextWriter console, string baselineVariant, TimeProvider time) : IMetricsSink, IIncidentSink
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _closedAt = new(StringComparer.Ordinal);

    /// <summary>The key under which a window's close is remembered, as an incident names its window.</summary>
    public static string WindowId(string model, string variant, string slice, string windowStart) => $"{model}|{variant}|{slice}|{windowStart}";

    /// <summary>When the worker handed over the window named by <paramref name="windowId"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public bool TryGetClosedAt(string windowId, out long timestamp) => _closedAt.TryGetValue(windowId, out timestamp);

    // One writer at a time on the output folder: the worker's loop writes windows and incidents, the topic reader dead
    // letters, and the loop asks for flushes it no longer waits for (FileStream is not thread-safe: a flush racing a
    // write once left two windows on one line of windows.jsonl).
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedDictionary<string, double> _flagged = new(StringComparer.Ordinal);
    private DateTimeOffset? _current;

    public long Windows { get; private set; }

    public void Write(WindowResult result)
    {
        _gate.Wait();
        try
        {
            output.WriteWindow(result);
            Windows++;
            _closedAt[WindowId(result.Key.Model, result.Key.Variant, result.Key.Slice, result.WindowStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))] = time.GetTimestamp();
            if (result.Kind != WindowKind.Traffic || result.Key.Slice != WindowKey.AllSlice)
            {
                return;
            }

            if (_current != result.WindowStart)
            {
                PrintCurrent();
                _current = result.WindowStart;
            }

            if (result.Metrics.TryGetValue("flagged_rate", out var rate))
            {
                _flagged[result.Key.Variant] = rate;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A dead letter read back from the worker's topic, written under the same gate as the windows.</summary>
    public void WriteDeadLetter(DeadLetter letter)
    {
        _gate.Wait();
        try
        {
            output.WriteDeadLetter(letter);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The incident's point goes to metrics.lp beside the window points, as replay and the worker's InfluxDB sink write it.</summary>
    public void Publish(Incident incident)
    {
        _gate.Wait();
        try
        {
            output.WriteIncident(incident);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PrintCurrent();
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The gate is not disposed: the worker may dispose its sink while the topic reader still writes dead letters, and a
    // SemaphoreSlim whose wait handle is never used holds nothing to release.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void PrintCurrent()
    {
        if (_current is not { } start || _flagged.Count == 0)
        {
            return;
        }

        var parts = _flagged
            .OrderBy(p => p.Key == baselineVariant ? 0 : 1)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value,6:P1}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  window {start.UtcDateTime:HH:mm} closed, flagged rate: {string.Join("  ", parts)}"));
        _flagged.Clear();
    }
}
