using System.CommandLine;

namespace CompressionSafety.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-cli-eval-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Evaluate_DemoModelsFailOnReject_WritesOutputsAndExitsGateFailed()
    {
        var (buildCode, _, _) = await RunAsync("models", "build", "--out", _directory, "--suite-cases", "1500");
        var output = Path.Combine(_directory, "out");

        var (code, stdout, _) = await RunAsync(
            "evaluate", "--registry", Path.Combine(_directory, "registry.json"), "--suite", Path.Combine(_directory, "suite.jsonl"),
            "--out", output, "--fail-on", "reject");

        Assert.Equal((0, ExitCodes.GateFailed), (buildCode, code));
        Assert.Contains("pruned-80", stdout, StringComparison.Ordinal);
        Assert.Contains("reject", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "evaluation.json")));
        Assert.True(File.Exists(Path.Combine(output, "snapshot.json")));
    }

    [Fact]
    public async Task Evaluate_CompareWithEarlierRun_PrintsHostsAndWritesComparison()
    {
        await RunAsync("models", "build", "--out", _directory, "--suite-cases", "300");
        string[] common = ["evaluate", "--registry", Path.Combine(_directory, "registry.json"), "--suite", Path.Combine(_directory, "suite.jsonl")];
        await RunAsync([.. common, "--out", Path.Combine(_directory, "first")]);

        var (code, stdout, _) = await RunAsync([.. common, "--out", Path.Combine(_directory, "second"), "--compare", Path.Combine(_directory, "first", "evaluation.json")]);

        Assert.Equal(0, code);
        Assert.Contains("300 common cases", stdout, StringComparison.Ordinal);
        Assert.Contains("int8-dynamic: 0 cases predicted differently", stdout, StringComparison.Ordinal);
        Assert.Contains("this host:", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "second", "comparison.json")));
    }

    [Fact]
    public async Task Evaluate_MissingRegistry_ExitsOneWithReason()
    {
        var (code, _, stderr) = await RunAsync(
            "evaluate", "--registry", Path.Combine(_directory, "none.json"), "--suite", "s.jsonl", "--out", _directory);

        Assert.Equal(1, code);
        Assert.Contains("Cannot read registry", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.InvokeAsync(args, new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
