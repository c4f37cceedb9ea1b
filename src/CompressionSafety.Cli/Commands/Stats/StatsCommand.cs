using System.CommandLine;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary><c>compression-safety stats</c>: the statistics library on files, to check its numbers against scipy.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Compute drift, calibration and comparison statistics on files; prints one JSON object.");
        command.Subcommands.Add(StatsDriftCommand.Create());
        command.Subcommands.Add(StatsCalibrationCommand.Create());
        foreach (var verb in StatsComparisonCommands.Create())
        {
            command.Subcommands.Add(verb);
        }

        command.Subcommands.Add(StatsSequenceCommand.Create());
        return command;
    }
}
