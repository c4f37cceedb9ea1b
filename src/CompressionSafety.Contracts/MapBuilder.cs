namespace CompressionSafety.Contracts;

/// <summary>
/// Collects one JSON object's entries, refusing duplicate keys, into a <see cref="SmallMap{TValue}"/>; switches to a
/// <see cref="Dictionary{TKey, TValue}"/> past a few entries so a large feature map stays linear to build and query.
/// </summary>
internal struct MapBuilder<TValue>
{
    private const int LinearLimit = 8;

    private string[]? keys;
    private TValue[]? values;
    private int count;
    private Dictionary<string, TValue>? large;

    /// <summary>False when <paramref name="key"/> was already added.</summary>
    public bool TryAdd(string key, TValue value)
    {
        if (large is not null)
        {
            return large.TryAdd(key, value);
        }

        for (var i = 0; i < count; i++)
        {
            if (string.Equals(keys![i], key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (count == LinearLimit)
        {
            large = new Dictionary<string, TValue>(LinearLimit * 2, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                large.Add(keys![i], values![i]);
            }

            large.Add(key, value);
            return true;
        }

        if (keys is null || count == keys.Length)
        {
            var capacity = keys is null ? 2 : keys.Length * 2;
            Array.Resize(ref keys, capacity);
            Array.Resize(ref values, capacity);
        }

        keys[count] = key;
        values![count] = value;
        count++;
        return true;
    }

    public readonly IReadOnlyDictionary<string, TValue> Build()
    {
        if (large is not null)
        {
            return large;
        }

        if (count == 0)
        {
            return SmallMap<TValue>.Empty;
        }

        var exactKeys = keys!;
        var exactValues = values!;
        if (count != exactKeys.Length)
        {
            exactKeys = exactKeys[..count];
            exactValues = exactValues[..count];
        }

        return new SmallMap<TValue>(exactKeys, exactValues);
    }
}
