namespace CompressionSafety.Cli.Tests;

/// <summary>The README's exit codes hold for arguments the parser refuses, not only for checks inside a verb.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("replay", "--no-such-option")]
    [InlineData("evaluate", "--registry", "r.json", "--suite", "s.jsonl", "--out", "o", "--fail-on", "sometimes")]
    [InlineData("generate", "-n", "many")]
    [InlineData("no-such-verb")]
    public async Task InvalidArguments_Exit2WithTheParsersMessage(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Help_ExitsZero()
    {
        var (exit, output, _) = await CliRunner.RunAsync("monitor", "--help");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Webhook", output, StringComparison.Ordinal);
        Assert.Contains("Alertmanager", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateHelp_NamesTheGateFailedCode()
    {
        var (_, output, _) = await CliRunner.RunAsync("evaluate", "--help");

        Assert.Contains("Exit with code 3", output, StringComparison.Ordinal);
    }
}
