namespace CompressionSafety.Cli;

/// <summary>Exit codes of the command-line tool, documented in the README ("Exit codes") and in each verb's help.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Bad input data or a missing input file.</summary>
    public const int InvalidInput = 1;

    /// <summary>Invalid configuration or arguments; nothing was read.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>A gate or check failed as requested (for example <c>--fail-on reject</c>).</summary>
    public const int GateFailed = 3;

    /// <summary>The run did not account for every record it produced (the Kafka demo): records were lost.</summary>
    public const int RecordsLost = 4;
}
