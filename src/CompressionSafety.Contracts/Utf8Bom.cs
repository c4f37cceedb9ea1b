namespace CompressionSafety.Contracts;

/// <summary>
/// The UTF-8 byte order mark (EF BB BF), which some editors write at the start of a file. It is not part of JSON text
/// (RFC 8259 lets a parser ignore it), so every reader of UTF-8 JSON bytes skips it here rather than dead-lettering or
/// refusing the first line.
/// </summary>
public static class Utf8Bom
{
    /// <summary>The three bytes of the mark.</summary>
    public static ReadOnlySpan<byte> Bytes => [0xEF, 0xBB, 0xBF];

    /// <summary><paramref name="utf8"/> without a leading byte order mark.</summary>
    public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> utf8) => utf8.StartsWith(Bytes) ? utf8[Bytes.Length..] : utf8;

    /// <summary><paramref name="utf8"/> without a leading byte order mark.</summary>
    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> utf8) => utf8.Span.StartsWith(Bytes) ? utf8[Bytes.Length..] : utf8;
}
