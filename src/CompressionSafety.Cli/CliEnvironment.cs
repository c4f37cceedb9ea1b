namespace CompressionSafety.Cli;

/// <summary>Environment variables the command-line tool reads (secrets never go on the command line, where others can read them).</summary>
public static class CliEnvironment
{
    /// <summary>The HMAC-SHA256 secret that <c>replay --webhook</c> signs payloads with.</summary>
    public const string WebhookSecret = "COMPRESSION_SAFETY_WEBHOOK_SECRET";
}
