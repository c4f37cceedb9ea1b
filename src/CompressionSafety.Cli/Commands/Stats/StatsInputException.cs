namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>Bad input for a stats verb; the message is the one line the user sees (file and line included).</summary>
internal sealed class StatsInputException(string message) : Exception(message);
