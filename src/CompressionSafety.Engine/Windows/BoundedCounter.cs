using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Windows;

/// <summary>Counts per name for at most <c>capacity</c> names; further names are counted under <see cref="OtherName"/>.</summary>
internal sealed class BoundedCounter(int capacity) : IStateful
{
    /// <summary>The name that collects names past the capacity.</summary>
    public const string OtherName = "other";

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Increment(string name)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, name);
        if (!Unsafe.IsNullRef(ref count))
        {
            count++;
        }
        else if (_counts.Count < capacity)
        {
            _counts[name] = 1;
        }
        else
        {
            _counts[OtherName] = _counts.GetValueOrDefault(OtherName) + 1;
        }
    }

    public void WriteState(StateWriter writer) =>
        writer.WriteEach(_counts, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.Write(pair.Value);
        });

    public void ReadState(StateReader reader)
    {
        _counts.Clear();
        reader.ReadEach(r => _counts.Add(r.ReadString(), r.ReadInt64()));
    }
}
