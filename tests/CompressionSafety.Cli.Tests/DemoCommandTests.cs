using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_SmallRun_WritesEveryOutputAndReportsWhereTheyAre()
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = await CliRunner.RunAsync("demo", "--out", dir.Path, "--records", "20000", "--rules", RepositoryRoot.Combine("alert-rules"));

        Assert.True(exit == 0, error);
        foreach (var file in new[] { "input.jsonl", "windows.jsonl", "dead-letter.jsonl", "metrics.lp", "summary.json", "incidents.jsonl", "review.jsonl" })
        {
            Assert.True(File.Exists(dir.File(file)), file);
        }

        Assert.Contains("results: " + dir.Path, output, StringComparison.Ordinal);
        Assert.Contains("Where compression hurt most", output, StringComparison.Ordinal);
    }
}
