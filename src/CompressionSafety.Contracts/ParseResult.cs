namespace CompressionSafety.Contracts;

/// <summary>The outcome of parsing one record: exactly one of <see cref="Record"/> and <see cref="Rejection"/> is set.</summary>
public readonly record struct ParseResult(InferenceRecord? Record, Rejection? Rejection)
{
    /// <summary>True when the record is valid.</summary>
    public bool IsValid => Record is not null;

    /// <summary>A valid record.</summary>
    public static ParseResult Valid(InferenceRecord record) => new(record, null);

    /// <summary>A rejected record.</summary>
    public static ParseResult Invalid(RejectionCode code, string? field, string message) =>
        new(null, new Rejection(code, field, message));
}
