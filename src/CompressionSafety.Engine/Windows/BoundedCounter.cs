namespace CompressionSafety.Engine.Windows;

/// <summary>Counts per name for at most <c>capacity</c> names; further names are counted under <see cref="OtherName"/>.</summary>
internal sealed class BoundedCounter(int capacity)
{
    /// <summary>The name that collects names past the capacity.</summary>
    public const string OtherName = "other";

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Increment(string name)
    {
        if (_counts.TryGetValue(name, out var count))
        {
            _counts[name] = count + 1;
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
}
