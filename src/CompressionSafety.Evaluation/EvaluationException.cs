namespace CompressionSafety.Evaluation;

/// <summary>A configuration or input problem that stops a re-evaluation, with a message meant for the operator.</summary>
public sealed class EvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvaluationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public EvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The underlying failure.</param>
    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
