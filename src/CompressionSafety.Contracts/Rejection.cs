namespace CompressionSafety.Contracts;

/// <summary>A precise reason for rejecting one record.</summary>
/// <param name="Code">The class of problem.</param>
/// <param name="Field">The JSON path of the offending field (for example <c>prediction.probabilities.safe</c>), or null for the whole record.</param>
/// <param name="Message">A sentence a person can act on.</param>
public sealed record Rejection(RejectionCode Code, string? Field, string Message)
{
    /// <summary>One line: <c>code: field: message</c>.</summary>
    public override string ToString() =>
        Field is null ? $"{Code.ToWire()}: {Message}" : $"{Code.ToWire()}: {Field}: {Message}";
}
