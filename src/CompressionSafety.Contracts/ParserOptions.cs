namespace CompressionSafety.Contracts;

/// <summary>Limits applied while parsing records.</summary>
public sealed class ParserOptions
{
    /// <summary>The default maximum record size: 1 MiB, as the contract says.</summary>
    public const int DefaultMaxRecordBytes = 1024 * 1024;

    /// <summary>Records larger than this many bytes are rejected as <see cref="RejectionCode.TooLarge"/>.</summary>
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;

    /// <summary>How far probabilities may sum away from 1.</summary>
    public double ProbabilitySumTolerance { get; init; } = 1e-3;

    /// <summary>The defaults from the contract.</summary>
    public static ParserOptions Default { get; } = new();
}
