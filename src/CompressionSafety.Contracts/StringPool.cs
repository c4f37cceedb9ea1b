using System.Text;
using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>
/// Reuses the strings that repeat from record to record (model, variant, labels, segment keys and values,
/// feature names) so a million records do not make a million copies of <c>"toxicity-guard"</c>.
/// A small direct-mapped cache per thread: no locks, bounded memory, a miss just allocates.
/// </summary>
internal static class StringPool
{
    private const int MaxPooledBytes = 48;
    private const int Slots = 1024;

    [ThreadStatic]
    private static Entry[]? entries;

    /// <summary>The current string token or property name, from the pool when it is short and unescaped.</summary>
    public static string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledBytes)
        {
            return reader.GetString()!;
        }

        var utf8 = reader.ValueSpan;
        var table = entries ??= new Entry[Slots];
        ref var entry = ref table[Hash(utf8) & (Slots - 1)];
        if (entry.Value is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        var value = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), value);
        return value;
    }

    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        // FNV-1a: good enough spread for short names, and cheap next to the allocation it saves.
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private readonly record struct Entry(byte[] Utf8, string Value);
}
