namespace CompressionSafety.Engine.Pipeline;

/// <summary>
/// A valid record broke the window engine (a bug). Thrown by <see cref="MonitorPipeline{TOrigin}.Process(Contracts.InferenceRecord, TOrigin, DateTimeOffset?)"/>
/// with the engine's exception inside, so a caller can dead-letter the record and go on without also swallowing the
/// failures of its outputs, which must stop it.
/// </summary>
public sealed class RecordProcessingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordProcessingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RecordProcessingException(string message)
        : base(message)
    {
    }

    /// <summary>Wraps the engine's exception.</summary>
    public RecordProcessingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
