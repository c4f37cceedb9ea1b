namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>Bad input to a comparison verb; the message is the one line the user sees.</summary>
internal sealed class ComparisonInputException(string message) : Exception(message);
