using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Tests;

/// <summary><c>replay</c> writes every incident state change into <c>metrics.lp</c> beside the window points, so the dashboards' incident panels have data.</summary>
public sealed class ReplayIncidentPointTests
{
    [Fact]
    public async Task Replay_DefaultRulesOnDegradedStream_WritesOnePointPerIncidentStateChange()
    {
        using var dir = new TempDirectory();
        var options = new GeneratorOptions
        {
            Seed = 7,
            Records = 60_000,
            Duration = TimeSpan.FromHours(3),
            DelayedLabelRate = 0.9,
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,size=0.2,start=1h")],
        };
        StreamFileWriter.Write(options, dir.File("in.jsonl"), null);

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"), "--rules", RepoPaths.DefaultRules);

        Assert.True(exit == 0, error);
        var incidents = IncidentLine.Read(dir.File("out/incidents.jsonl"));
        Assert.Contains(incidents, i => i.Status == "firing");
        var points = File.ReadAllLines(dir.File("out/metrics.lp"))
            .Where(line => line.StartsWith("compression_safety_incident,", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(incidents.Count, points.Count);
        foreach (var incident in incidents)
        {
            var status = incident.Status == "resolved" ? "resolved" : "firing";
            Assert.Contains(points, p => p.Contains(",rule=" + incident.Rule + ",", StringComparison.Ordinal)
                && p.Contains(",incident_id=" + incident.Id + " ", StringComparison.Ordinal)
                && (p.Contains(",status=" + status + ",", StringComparison.Ordinal) || p.Contains(",status=inhibited,", StringComparison.Ordinal))
                && p.Contains(",variant=" + incident.Variant + ",", StringComparison.Ordinal));
        }
    }
}
