using System.CommandLine;
using CompressionSafety.Cli.Commands;
using CompressionSafety.Cli.Commands.Stats;

namespace CompressionSafety.Cli;

/// <summary>Builds the <c>compression-safety</c> command tree; every verb lives in its own file under <c>Commands/</c>.</summary>
public static class CliApp
{
    /// <summary>The root command with every verb attached.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "CompressionSafety: monitors compressed ML models (quantized, pruned, distilled) against their " +
            "full-precision baseline and reports when safety-relevant behaviour moves.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(MonitorCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ProduceCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        return root;
    }

    /// <summary>
    /// How to invoke <paramref name="parse"/>. <c>monitor</c> handles SIGTERM and Ctrl+C through its host, which drains
    /// within <c>Kafka:ShutdownTimeout</c> (30 s, Kubernetes' grace period): System.CommandLine's own handling would cut
    /// the process off 2 s after the signal, before the final commit and the consumer's close.
    /// </summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="configuration">Output and error writers to keep (tests); a new configuration when null.</param>
    /// <returns>The configuration to pass to <c>InvokeAsync</c>.</returns>
    public static InvocationConfiguration InvocationFor(ParseResult parse, InvocationConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        configuration ??= new InvocationConfiguration();
        if (parse.CommandResult.Command.Name == MonitorCommand.Name)
        {
            configuration.ProcessTerminationTimeout = null;
        }

        return configuration;
    }
}
