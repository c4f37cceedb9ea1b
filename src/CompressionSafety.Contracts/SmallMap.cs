using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CompressionSafety.Contracts;

/// <summary>
/// A read-only map of a few entries (probabilities, segments, features usually hold 2 to 8) kept as two exact-size
/// arrays searched linearly: a third of the memory of a <see cref="Dictionary{TKey, TValue}"/> and as fast at this
/// size. Keeps the record's order. Keys compare ordinally. Also a list of its entries in that order, so a consumer
/// (the engine) can walk it by index without allocating an enumerator.
/// </summary>
internal sealed class SmallMap<TValue> : IReadOnlyDictionary<string, TValue>, IReadOnlyList<KeyValuePair<string, TValue>>
{
    private readonly string[] keys;
    private readonly TValue[] values;

    public SmallMap(string[] keys, TValue[] values)
    {
        this.keys = keys;
        this.values = values;
    }

    public static SmallMap<TValue> Empty { get; } = new([], []);

    public int Count => keys.Length;

    public IEnumerable<string> Keys => keys;

    public IEnumerable<TValue> Values => values;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    KeyValuePair<string, TValue> IReadOnlyList<KeyValuePair<string, TValue>>.this[int index] => new(keys[index], values[index]);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? values[i] : default;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new KeyValuePair<string, TValue>(keys[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
