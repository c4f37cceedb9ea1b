using System.Runtime.CompilerServices;
using CompressionSafety.Contracts;

namespace CompressionSafety.Engine.Windows;

/// <summary>What the engine resolved for one (model, variant, segment) combination: interned names, the model's positive label, the keys of its slices (<c>all</c> first) and their dense ids.</summary>
/// <remarks><see cref="Keys"/> is shared by every record of the combination (and their <see cref="LabelledPrediction"/>s): never written to.</remarks>
internal sealed record Route(string Model, string Variant, string PositiveLabel, WindowKey[] Keys, int[] Ids, long SliceOverflows);

/// <summary>
/// A direct-mapped cache of <see cref="Route"/>s keyed by the identity of the record's model, variant and segment
/// strings: the parser pools them, so the records of a combination carry the same instances and a lookup hashes no
/// string. A different instance of equal text just misses and resolves again (same result), and a collision
/// replaces the slot, so memory stays bounded whatever the traffic. Segments that are not the parser's maps are
/// not cached.
/// </summary>
internal sealed class RouteCache
{
    private const int Slots = 4096;

    private readonly Entry?[] _entries = new Entry?[Slots];

    public bool TryGet(PredictionRecord record, out Route route)
    {
        route = null!;
        if (!TryHash(record, out var hash) || _entries[hash & (Slots - 1)] is not { } entry || !entry.Matches(record))
        {
            return false;
        }

        route = entry.Route;
        return true;
    }

    public void Add(PredictionRecord record, Route route)
    {
        if (TryHash(record, out var hash))
        {
            _entries[hash & (Slots - 1)] = new Entry(record, route);
        }
    }

    private static bool TryHash(PredictionRecord record, out int hash)
    {
        hash = HashCode.Combine(RuntimeHelpers.GetHashCode(record.Model), RuntimeHelpers.GetHashCode(record.Variant));
        var segment = record.Segment;
        if (segment.Count == 0)
        {
            return true;
        }

        if (segment is not IReadOnlyList<KeyValuePair<string, string>> pairs)
        {
            return false;
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            hash = HashCode.Combine(hash, RuntimeHelpers.GetHashCode(pair.Key), RuntimeHelpers.GetHashCode(pair.Value));
        }

        return true;
    }

    private sealed class Entry
    {
        private readonly string _model;
        private readonly string _variant;
        private readonly string[] _segment;

        public Entry(PredictionRecord record, Route route)
        {
            _model = record.Model;
            _variant = record.Variant;
            var pairs = record.Segment as IReadOnlyList<KeyValuePair<string, string>>;
            _segment = new string[(pairs?.Count ?? 0) * 2];
            for (var i = 0; i < _segment.Length / 2; i++)
            {
                _segment[2 * i] = pairs![i].Key;
                _segment[(2 * i) + 1] = pairs[i].Value;
            }

            Route = route;
        }

        public Route Route { get; }

        public bool Matches(PredictionRecord record)
        {
            if (!ReferenceEquals(_model, record.Model) || !ReferenceEquals(_variant, record.Variant) || record.Segment.Count * 2 != _segment.Length)
            {
                return false;
            }

            if (_segment.Length == 0)
            {
                return true;
            }

            var pairs = (IReadOnlyList<KeyValuePair<string, string>>)record.Segment;
            for (var i = 0; i < pairs.Count; i++)
            {
                var pair = pairs[i];
                if (!ReferenceEquals(_segment[2 * i], pair.Key) || !ReferenceEquals(_segment[(2 * i) + 1], pair.Value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
