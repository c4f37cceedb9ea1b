using System.CommandLine;

namespace CompressionSafety.Cli.Tests;

/// <summary>Runs the command-line tool in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var parse = CliApp.CreateRootCommand().Parse(args);
        var exit = await parse.InvokeAsync(CliApp.InvocationFor(parse, new InvocationConfiguration { Output = output, Error = error }));
        return (exit, output.ToString(), error.ToString());
    }
}
