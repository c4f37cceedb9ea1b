using CompressionSafety.Statistics.State;
using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// The pinned input distribution of one key: the first <see cref="EngineOptions.InputReferenceWindows"/> windows are
/// merged (KLL sketches), then pinned as quantile bins, as PSI defines them: interior edges at the reference's k/B
/// quantiles, duplicates removed, bin i = [e_i, e_(i+1)) with open outer bins. Later windows are compared with it, so a
/// shift in traffic shows apart from a change in the model. Proportions come from the sketches' ranks, so they are
/// exact up to the sketches' documented rank error.
/// </summary>
internal sealed class InputReference(EngineOptions options) : IStateful
{
    private readonly Dictionary<string, KllSketch> _building = new(StringComparer.Ordinal);
    private Dictionary<string, PinnedInput>? _pinned;
    private int _windows;

    public bool IsPinned => _pinned is not null;

    public long ReferenceCount { get; private set; }

    /// <summary>Feeds one closed window: while building, merges it into the reference; once pinned, compares it.</summary>
    public void Observe(TrafficAccumulator window, MetricWriter comparison)
    {
        if (_pinned is null)
        {
            foreach (var (name, sketch) in window.Inputs)
            {
                if (!_building.TryGetValue(name, out var merged))
                {
                    merged = new KllSketch(seed: 3);
                    _building.Add(name, merged);
                }

                merged.Merge(sketch);
            }

            ReferenceCount += window.Count;
            if (++_windows >= options.InputReferenceWindows)
            {
                Pin();
            }

            return;
        }

        comparison.Set("reference_count", ReferenceCount);
        foreach (var (name, sketch) in window.Inputs)
        {
            if (!_pinned.TryGetValue(name, out var reference) || sketch.Count == 0)
            {
                continue;
            }

            var current = Proportions(sketch, reference.Edges);
            var psi = Divergence.Psi(reference.Proportions, current);
            var js = Divergence.JensenShannon(reference.Proportions, current);
            if (name == TrafficAccumulator.LengthInput)
            {
                comparison.Set("input_length_psi", psi);
                comparison.Set("input_length_js", js);
            }
            else
            {
                comparison.Set("feature_psi." + name, psi);
                comparison.Set("feature_js." + name, js);
            }
        }
    }

    private void Pin()
    {
        _pinned = new Dictionary<string, PinnedInput>(StringComparer.Ordinal);
        foreach (var (name, sketch) in _building)
        {
            if (sketch.Count == 0)
            {
                continue;
            }

            var levels = new double[options.InputDriftBins - 1];
            for (var k = 1; k < options.InputDriftBins; k++)
            {
                levels[k - 1] = (double)k / options.InputDriftBins;
            }

            var quantiles = new double[levels.Length];
            sketch.Quantiles(levels, quantiles);
            var edges = new List<double>();
            foreach (var edge in quantiles)
            {
                if (edges.Count == 0 || edge != edges[^1])
                {
                    edges.Add(edge);
                }
            }

            var edgeArray = edges.ToArray();
            _pinned[name] = new PinnedInput(edgeArray, Proportions(sketch, edgeArray));
        }

        _building.Clear();
    }

    public void WriteState(StateWriter writer)
    {
        writer.Write(_windows);
        writer.Write(ReferenceCount);
        writer.WriteEach(_building, static (w, pair) =>
        {
            w.Write(pair.Key);
            pair.Value.WriteState(w);
        });
        writer.Write(_pinned is not null);
        if (_pinned is not null)
        {
            writer.WriteEach(_pinned, static (w, pair) =>
            {
                w.Write(pair.Key);
                w.Write(pair.Value.Edges);
                w.Write(pair.Value.Proportions);
            });
        }
    }

    public void ReadState(StateReader reader)
    {
        _windows = reader.ReadInt32();
        ReferenceCount = reader.ReadInt64();
        _building.Clear();
        reader.ReadEach(r =>
        {
            var sketch = new KllSketch(seed: 3);
            _building.Add(r.ReadString(), sketch);
            sketch.ReadState(r);
        });
        _pinned = null;
        if (reader.ReadBoolean())
        {
            var pinned = new Dictionary<string, PinnedInput>(StringComparer.Ordinal);
            reader.ReadEach(r => pinned.Add(r.ReadString(), new PinnedInput(r.ReadDoubles(), r.ReadDoubles())));
            _pinned = pinned;
        }
    }

    /// <summary>Share of values per bin [e_(i-1), e_i): differences of the fraction strictly below each edge.</summary>
    private static double[] Proportions(KllSketch sketch, double[] edges)
    {
        var proportions = new double[edges.Length + 1];
        // Values strictly below an edge: at or below the next smaller double. The edges ascend, so they are ranked in one pass.
        Span<double> justBelow = edges.Length <= 64 ? stackalloc double[edges.Length] : new double[edges.Length];
        Span<long> ranks = edges.Length <= 64 ? stackalloc long[edges.Length] : new long[edges.Length];
        for (var i = 0; i < edges.Length; i++)
        {
            justBelow[i] = Math.BitDecrement(edges[i]);
        }

        sketch.EstimatedRanks(justBelow, ranks);
        var below = 0.0;
        for (var i = 0; i < edges.Length; i++)
        {
            var next = (double)ranks[i] / sketch.Count;
            proportions[i] = next - below;
            below = next;
        }

        proportions[^1] = 1.0 - below;
        return proportions;
    }

    private sealed record PinnedInput(double[] Edges, double[] Proportions);
}
