namespace CompressionSafety.Contracts;

/// <summary>
/// A JSON path that is only joined into a string when a rejection needs it: valid records, the hot path,
/// must not pay for one string per map entry.
/// </summary>
internal readonly record struct FieldPath(string Head, string? Tail = null)
{
    public string Value => Tail is null ? Head : Head + "." + Tail;

    public static implicit operator FieldPath(string path) => new(path);
}
