using CompressionSafety.Statistics;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// Runs the configured change detectors over one key's per-window series of its main rates and latency, and writes
/// their state as <c>anomaly.&lt;metric&gt;.&lt;detector&gt;</c> (the detector's statistic) and
/// <c>anomaly_signal.&lt;metric&gt;.&lt;detector&gt;</c> (1 in the window where it signals, else 0).
/// A window without a value for a metric does not advance that metric's detectors.
/// </summary>
internal sealed class AnomalyTracker : IStateful
{
    /// <summary>The per-window metrics the detectors watch.</summary>
    public static readonly string[] WatchedMetrics = ["flagged_rate", "refused_rate", "flip_rate", "low_confidence_rate", "latency_p95_ms"];

    /// <summary>Detector names accepted in <see cref="EngineOptions.AnomalyDetectors"/>.</summary>
    public static readonly string[] KnownDetectors = ["page_hinkley", "cusum", "ewma", "adwin"];

    private readonly (string Metric, string Detector, IChangeDetector Instance)[] _detectors;

    public AnomalyTracker(IEnumerable<string> detectors)
    {
        var names = detectors.ToList();
        _detectors = WatchedMetrics
            .SelectMany(metric => names.Select(name => (metric, name, Create(name))))
            .ToArray();
    }

    public void Observe(IReadOnlyDictionary<string, double> windowMetrics, MetricWriter output)
    {
        foreach (var (metric, detector, instance) in _detectors)
        {
            if (!windowMetrics.TryGetValue(metric, out var value))
            {
                continue;
            }

            var signal = instance.Update(value);
            output.Set($"anomaly.{metric}.{detector}", instance.Statistic);
            output.Set($"anomaly_signal.{metric}.{detector}", signal ? 1 : 0);
        }
    }

    public void WriteState(StateWriter writer) =>
        writer.WriteEach(_detectors, static (w, detector) =>
        {
            w.Write(detector.Metric + "." + detector.Detector);
            detector.Instance.WriteState(w);
        });

    public void ReadState(StateReader reader)
    {
        var index = 0;
        reader.ReadEach(r =>
        {
            var name = r.ReadString();
            if (index >= _detectors.Length || name != _detectors[index].Metric + "." + _detectors[index].Detector)
            {
                throw new InvalidDataException($"Detector '{name}' is not configured at position {index}.");
            }

            _detectors[index++].Instance.ReadState(r);
        });
        if (index != _detectors.Length)
        {
            throw new InvalidDataException($"The snapshot holds {index} detectors, {_detectors.Length} are configured.");
        }
    }

    // Defaults are river's (documented on each detector); min_instances counts windows here.
    private static IChangeDetector Create(string name) => name switch
    {
        "page_hinkley" => new PageHinkley(),
        "cusum" => new Cusum(),
        "ewma" => new EwmaChart(),
        "adwin" => new Adwin(),
        _ => throw new ArgumentException($"Unknown anomaly detector '{name}'; known: {string.Join(", ", KnownDetectors)}.", nameof(name)),
    };
}
