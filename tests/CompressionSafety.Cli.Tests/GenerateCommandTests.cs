using System.CommandLine;

namespace CompressionSafety.Cli.Tests;

public class GenerateCommandTests
{
    [Fact]
    public async Task Generate_ToFileWithLabelsOut_WritesBothAndSummary()
    {
        var dir = Directory.CreateTempSubdirectory("cs-gen-");
        try
        {
            var main = Path.Combine(dir.FullName, "s.jsonl");
            var labels = Path.Combine(dir.FullName, "l.jsonl");
            var output = new StringWriter();
            var config = new InvocationConfiguration { Output = output, Error = new StringWriter() };

            var code = await CliApp.InvokeAsync(["generate", "-n", "500", "-o", main, "--labels-out", labels, "--degrade", "variant=pruned-50,kind=refusal,size=0.1"], config);

            Assert.Equal(0, code);
            Assert.NotEmpty(File.ReadAllLines(main));
            Assert.All(File.ReadAllLines(labels), l => Assert.Contains("\"source\":\"human-review\"", l, StringComparison.Ordinal));
            Assert.StartsWith("generated predictions=", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Generate_BadDegradation_ExitCode2NamingThePart()
    {
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = new StringWriter(), Error = error };

        var code = await CliApp.InvokeAsync(["generate", "-n", "10", "--degrade", "variant=int8-dynamic,kind=unsafe-miss,size=2"], config);

        Assert.Equal(2, code);
        Assert.Contains("'size'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_MissingParentFolder_IsCreated()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "new", "deeper", "s.jsonl");

        var (exit, _, error) = await CliRunner.RunAsync("generate", "-n", "100", "-o", target);

        Assert.True(exit == 0, error);
        Assert.NotEmpty(File.ReadAllLines(target));
    }

    [Fact]
    public async Task Generate_UnwritableOutput_OneLineError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a-file"), "x");

        var (exit, _, error) = await CliRunner.RunAsync("generate", "-n", "100", "-o", Path.Combine(dir.File("a-file"), "s.jsonl"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("error: cannot write ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
