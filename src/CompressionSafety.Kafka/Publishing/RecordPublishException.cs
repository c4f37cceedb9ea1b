namespace CompressionSafety.Kafka.Publishing;

/// <summary>
/// A record could not be delivered after every attempt, or the producer hit a fatal error. The publisher is
/// faulted from then on: the caller must not commit input offsets past the lost output, and should stop.
/// </summary>
public sealed class RecordPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordPublishException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RecordPublishException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RecordPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
