using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Tests;

public sealed class RulesCommandTests
{
    private const string BadRule = "rules:\n  - id: bad-one\n    metric: no_such_metric\n    op: \">\"\n    threshold: 1\n";

    [Fact]
    public async Task Validate_DefaultRuleSet_Ok()
    {
        var (exit, output, error) = await CliRunner.RunAsync("rules", "validate", RepoPaths.DefaultRules);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.StartsWith("ok: 16 rules, 0 silences", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadRule_PrintsFileLineRuleIdAndExits2()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("r.yaml"), BadRule);

        var (exit, _, error) = await CliRunner.RunAsync("rules", "validate", dir.Path);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"error: {dir.File("r.yaml")}:3: rule 'bad-one': metric 'no_such_metric' is not in the metric catalogue for reference 'self' (see docs/metrics.md)",
            error.Trim());
    }

    [Fact]
    public async Task Replay_InvalidRules_RefusesToStartWithSameMessage()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("rules"));
        await File.WriteAllTextAsync(dir.File("rules/r.yaml"), BadRule);
        await File.WriteAllTextAsync(dir.File("in.jsonl"), "");

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"), "--rules", dir.File("rules"));

        Assert.Equal(2, exit);
        Assert.Contains("rule 'bad-one': metric 'no_such_metric' is not in the metric catalogue", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Replay_FiringIncident_RoutesUncertainOrDisagreeingEventsToReview()
    {
        using var dir = new TempDirectory();
        StreamFileWriter.Write(
            new GeneratorOptions
            {
                Seed = 5,
                Records = 40_000,
                Duration = TimeSpan.FromHours(2),
                Degradations = [Degradation.Parse("variant=int8-dynamic,kind=calibration,size=0.9,start=30m")],
            },
            dir.File("in.jsonl"),
            null);
        Directory.CreateDirectory(dir.File("rules"));
        await File.WriteAllTextAsync(dir.File("rules/r.yaml"), """
            rules:
              - id: low-confidence-up
                metric: low_confidence_rate_diff_low
                reference: baseline
                op: ">"
                threshold: 0.2
                match: {variant: "!baseline", slice: all}
            """);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"), "--rules", dir.File("rules"));

        Assert.True(exit == 0, error);
        var incidents = IncidentLine.Read(dir.File("out/incidents.jsonl"));
        Assert.Contains(incidents, i => i.Variant == "int8-dynamic" && i.Status == "firing");
        var review = await File.ReadAllLinesAsync(dir.File("out/review.jsonl"));
        Assert.NotEmpty(review);
        Assert.All(review, line => Assert.Contains("\"variant\":\"int8-dynamic\"", line, StringComparison.Ordinal));
        Assert.Contains(review, line => line.Contains("\"reason\":\"low_confidence\"", StringComparison.Ordinal));
    }
}
