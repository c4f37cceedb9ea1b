namespace CompressionSafety.Worker.Options;

/// <summary>Worker settings that cannot be bound (<see cref="StrictSettings"/>): each problem names its setting.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public SettingsException(IReadOnlyList<string> problems)
        : base(string.Join("; ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public SettingsException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SettingsException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One message per problem, each starting with the setting's path.</summary>
    public IReadOnlyList<string> Problems { get; }
}
