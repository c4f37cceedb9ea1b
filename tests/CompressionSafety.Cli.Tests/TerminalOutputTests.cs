namespace CompressionSafety.Cli.Tests;

/// <summary>Control characters from the data are shown, never executed by the user's terminal.</summary>
public sealed class TerminalOutputTests
{
    private const string Escape = "\u001b]0;owned\u0007\u001b[31m";

    [Fact]
    public async Task RulesValidate_FieldWithEscapeSequence_PrintedVisibly()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("r.yaml"), $"rules:\n  - id: x\n    metric: flagged_rate\n    op: \">\"\n    threshold: 0.1\n    \"sev{Escape}\": 1\n");

        var (exit, output, error) = await CliRunner.RunAsync("rules", "validate", dir.Path);

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        var printed = output + error;
        Assert.Contains("sev\\u001B]0;owned\\u0007\\u001B[31m", printed, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', printed);
        Assert.DoesNotContain('\u0007', printed);
    }

    [Fact]
    public async Task StatsBadRow_ValueWithEscapeSequence_PrintedVisibly()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("w.csv"), $"b,c\n1,{Escape}\n");

        var (exit, _, error) = await CliRunner.RunAsync("stats", "sequence", "--method", "discordance-cusum", "--input", dir.File("w.csv"));

        Assert.NotEqual(ExitCodes.Success, exit);
        Assert.Contains("\\u001B[31m", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
    }

    [Fact]
    public void Escape_KeepsLineBreaksTabsAndText()
    {
        Assert.Equal("a\tb\r\nc é", TerminalWriter.Escape("a\tb\r\nc é"));
        Assert.Equal("\\u0000\\u007F\\u009B", TerminalWriter.Escape("\0\u007f\u009b"));
    }
}
