namespace CompressionSafety.Engine.Output;

/// <summary>A record that was not counted, with why, where it came from and its original bytes.</summary>
/// <param name="Source">The file (or topic) it came from.</param>
/// <param name="Position">Line number in a file (1-based) or offset in a partition.</param>
/// <param name="Reason">The wire name of the rejection code (for example <c>missing_field</c>, <c>late</c>).</param>
/// <param name="Field">The offending field's JSON path, when one field is at fault.</param>
/// <param name="Message">A sentence saying what is wrong.</param>
/// <param name="Raw">The original bytes (for an oversized record, its first bytes only).</param>
/// <param name="RawLength">The original record's full length in bytes.</param>
public sealed record DeadLetter(
    string Source,
    long Position,
    string Reason,
    string? Field,
    string Message,
    ReadOnlyMemory<byte> Raw,
    long RawLength)
{
    /// <summary>True when <see cref="Raw"/> holds only the first bytes of the record.</summary>
    public bool Truncated => RawLength > Raw.Length;
}
