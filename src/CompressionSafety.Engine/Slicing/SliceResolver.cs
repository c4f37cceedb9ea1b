using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Slicing;

/// <summary>
/// Maps a record's segment attributes to its slices: <c>all</c> plus <c>attribute=value</c> for each sliced attribute.
/// Cardinality is bounded: each attribute keeps its first <see cref="EngineOptions.MaxSliceValuesPerAttribute"/> values,
/// later values share <c>attribute=other</c> (counted in <see cref="OverflowCount"/>).
/// </summary>
internal sealed class SliceResolver : IStateful
{
    /// <summary>The value that collects an attribute's values past the cap.</summary>
    public const string OtherValue = "other";

    private readonly HashSet<string>? _configured;
    private readonly int _maxAttributes;
    private readonly int _maxValues;
    private readonly Dictionary<string, AttributeSlices> _slices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignoredAttributes = new(StringComparer.Ordinal);
    private readonly List<string> _buffer = [];

    public SliceResolver(EngineOptions options)
    {
        _configured = options.SegmentAttributes is { Count: > 0 } attributes
            ? new HashSet<string>(attributes, StringComparer.Ordinal)
            : null;
        _maxAttributes = _configured?.Count ?? options.MaxSegmentAttributes;
        _maxValues = options.MaxSliceValuesPerAttribute;
    }

    /// <summary>Records whose value went to an <c>other</c> slice.</summary>
    public long OverflowCount { get; private set; }

    /// <summary>Counts records whose values went to an <c>other</c> slice without resolving them again (the engine's route cache).</summary>
    public void CountOverflow(long records) => OverflowCount += records;

    /// <summary>Attributes seen but not sliced because the attribute cap was reached (only when attributes are not configured).</summary>
    public IReadOnlyCollection<string> IgnoredAttributes => _ignoredAttributes;

    /// <summary>The slices of a record with <paramref name="segment"/>, <c>all</c> first, then by attribute name. The list is reused by the next call.</summary>
    public IReadOnlyList<string> Resolve(IReadOnlyDictionary<string, string> segment)
    {
        _buffer.Clear();
        _buffer.Add(WindowKey.AllSlice);
        if (segment.Count == 0)
        {
            return _buffer;
        }

        foreach (var (attribute, value) in segment)
        {
            var slice = SliceFor(attribute, value);
            if (slice is not null)
            {
                _buffer.Add(slice);
            }
        }

        if (_buffer.Count > 2)
        {
            _buffer.Sort(1, _buffer.Count - 1, StringComparer.Ordinal);
        }

        return _buffer;
    }

    public void WriteState(StateWriter writer)
    {
        writer.Write(OverflowCount);
        writer.WriteEach(_slices, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.WriteEach(pair.Value.Values, static (w, value) =>
            {
                w.Write(value.Key);
                w.Write(value.Value);
            });
        });
        writer.WriteEach(_ignoredAttributes, static (w, attribute) => w.Write(attribute));
    }

    public void ReadState(StateReader reader)
    {
        OverflowCount = reader.ReadInt64();
        _slices.Clear();
        reader.ReadEach(r =>
        {
            var slices = new AttributeSlices(r.ReadString());
            _slices.Add(slices.Attribute, slices);
            r.ReadEach(v => slices.Values.Add(v.ReadString(), v.ReadString()));
        });
        _ignoredAttributes.Clear();
        reader.ReadEach(r => _ignoredAttributes.Add(r.ReadString()));
    }

    private string? SliceFor(string attribute, string value)
    {
        if (!_slices.TryGetValue(attribute, out var slices))
        {
            if (_configured is not null ? !_configured.Contains(attribute) : _slices.Count >= _maxAttributes)
            {
                if (_configured is null)
                {
                    _ignoredAttributes.Add(attribute);
                }

                return null;
            }

            slices = new AttributeSlices(attribute);
            _slices.Add(attribute, slices);
        }

        if (slices.Values.TryGetValue(value, out var slice))
        {
            return slice;
        }

        if (slices.Values.Count < _maxValues)
        {
            slice = attribute + "=" + value;
            slices.Values.Add(value, slice);
            return slice;
        }

        // Past the cap every new value shares one slice; counting each record tells how much traffic it hides.
        OverflowCount++;
        return slices.OtherSlice;
    }

    private sealed class AttributeSlices(string attribute)
    {
        public string Attribute { get; } = attribute;

        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public string OtherSlice { get; } = attribute + "=" + OtherValue;
    }
}
