using System.Globalization;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

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

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, double> _flagged = new(StringComparer.Ordinal);
    private DateTimeOffset? _current;

    public long Windows { get; private set; }

    public void Write(WindowResult result)
    {
        lock (_gate)
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
    }

    /// <summary>The incident's point goes to metrics.lp beside the window points, as replay and the worker's InfluxDB sink write it.</summary>
    public void Publish(Incident incident)
    {
        lock (_gate)
        {
            output.WriteIncident(incident);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            PrintCurrent();
        }

        return output.FlushAsync(cancellationToken);
    }

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
