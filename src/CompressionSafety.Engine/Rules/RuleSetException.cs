namespace CompressionSafety.Engine.Rules;

/// <summary>A rule set that does not validate; <see cref="Errors"/> lists every problem.</summary>
public sealed class RuleSetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleSetException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RuleSetException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public RuleSetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the errors found.</summary>
    public RuleSetException(IReadOnlyList<RuleError> errors)
        : base(string.Join(Environment.NewLine, errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every error, in file and line order.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}
