using System.CommandLine;

namespace CompressionSafety.Cli.Commands;

/// <summary><c>compression-safety version</c>: prints the tool version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the tool version.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(ToolVersion.Current);
            return 0;
        });
        return command;
    }
}
