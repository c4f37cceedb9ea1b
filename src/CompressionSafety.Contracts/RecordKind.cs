namespace CompressionSafety.Contracts;

/// <summary>Which table of the contract applies to an object, decided by its top-level property names alone.</summary>
internal enum RecordKind
{
    /// <summary>Has <c>prediction</c>, or has <c>model</c>/<c>variant</c> (and then lacks <c>prediction</c>).</summary>
    Prediction,

    /// <summary>Everything else: delayed ground truth.</summary>
    Label,
}
