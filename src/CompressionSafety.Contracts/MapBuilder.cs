namespace CompressionSafety.Contracts;

/// <summary>
/// Collects one JSON object's entries, refusing duplicate keys, into a <see cref="SmallMap{TValue}"/>; switches to a
/// <see cref="Dictionary{TKey, TValue}"/> past a few entries so a large feature map stays linear to build and query.
/// </summary>
internal struct MapBuilder<TValue>
{
    private const int LinearLimit = 8;

    // Entries are collected in a per-thread scratch pair and copied once into exact-size arrays by Build, instead of
    // growing arrays 2, 4, 8 and trimming. Maps are never built inside one another; a builder that finds the scratch
    // taken (or never reaches Build, on an invalid record) just uses arrays of its own.
    [ThreadStatic]
    private static string[]? scratchKeys;

    [ThreadStatic]
    private static TValue[]? scratchValues;

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
            Release();
            return true;
        }

        if (keys is null)
        {
            keys = scratchKeys ?? new string[LinearLimit];
            values = scratchValues ?? new TValue[LinearLimit];
            scratchKeys = null;
            scratchValues = null;
        }

        keys[count] = key;
        values![count] = value;
        count++;
        return true;
    }

    public IReadOnlyDictionary<string, TValue> Build()
    {
        if (large is not null)
        {
            return large;
        }

        if (count == 0)
        {
            return SmallMap<TValue>.Empty;
        }

        var exactKeys = keys.AsSpan(0, count).ToArray();
        var exactValues = values.AsSpan(0, count).ToArray();
        Release();
        return new SmallMap<TValue>(exactKeys, exactValues);
    }

    private void Release()
    {
        if (keys is not null)
        {
            // Cleared so the scratch keeps no record's strings alive.
            Array.Clear(keys, 0, count);
            scratchKeys = keys;
            scratchValues = values;
            keys = null;
            values = null;
        }
    }
}
