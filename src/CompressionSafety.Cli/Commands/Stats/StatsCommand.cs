using System.CommandLine;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary><c>compression-safety stats</c>: the statistics library on files, to check its numbers against scipy.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Compute one statistic on files and print it as a JSON object.");
        foreach (var verb in StatsComparisonCommands.Create())
        {
            command.Subcommands.Add(verb);
        }

        return command;
    }
}
