namespace CompressionSafety.Contracts;

/// <summary>
/// Why a record was not accepted. The string form (<see cref="RejectionCodes.ToWire"/>) is what
/// dead-letter outputs carry in their <c>reason</c> and summaries count by.
/// </summary>
public enum RejectionCode
{
    /// <summary>The bytes are not valid JSON (or not valid UTF-8).</summary>
    NotJson,
    /// <summary>Valid JSON, but not an object.</summary>
    NotObject,
    /// <summary>A required field is absent.</summary>
    MissingField,
    /// <summary>A field has the wrong JSON type.</summary>
    WrongType,
    /// <summary>A field has the right type but a value outside the contract (length, range, enum).</summary>
    InvalidValue,
    /// <summary><c>schema_version</c> is not 1.</summary>
    UnsupportedSchemaVersion,
    /// <summary>A timestamp is not RFC 3339 with an offset or <c>Z</c>.</summary>
    InvalidTimestamp,
    /// <summary>Probabilities outside [0, 1], NaN, infinite, or not summing to 1 within 1e-3.</summary>
    InvalidProbabilities,
    /// <summary>The record is larger than the configured maximum size.</summary>
    TooLarge,
    /// <summary>The record belongs to a window that has already closed.</summary>
    Late,
    /// <summary>The record's event time is too far ahead of the stream's (or the clock's) to be trusted.</summary>
    FutureTimestamp,
    /// <summary>The record's model is past the cap on distinct models (<c>max_models</c>).</summary>
    TooManyModels,
    /// <summary>The record's variant is past the cap on distinct variants of its model (<c>max_variants_per_model</c>).</summary>
    TooManyVariants,
    /// <summary>A valid record that broke the engine (a bug): dead-lettered so that it cannot stop its partition.</summary>
    ProcessingError,
}

/// <summary>Wire names of <see cref="RejectionCode"/>.</summary>
public static class RejectionCodes
{
    /// <summary>The snake_case name used in dead-letter outputs and summaries.</summary>
    public static string ToWire(this RejectionCode code) => code switch
    {
        RejectionCode.NotJson => "not_json",
        RejectionCode.NotObject => "not_object",
        RejectionCode.MissingField => "missing_field",
        RejectionCode.WrongType => "wrong_type",
        RejectionCode.InvalidValue => "invalid_value",
        RejectionCode.UnsupportedSchemaVersion => "unsupported_schema_version",
        RejectionCode.InvalidTimestamp => "invalid_timestamp",
        RejectionCode.InvalidProbabilities => "invalid_probabilities",
        RejectionCode.TooLarge => "too_large",
        RejectionCode.Late => "late",
        RejectionCode.FutureTimestamp => "future_timestamp",
        RejectionCode.TooManyModels => "too_many_models",
        RejectionCode.TooManyVariants => "too_many_variants",
        RejectionCode.ProcessingError => "processing_error",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
