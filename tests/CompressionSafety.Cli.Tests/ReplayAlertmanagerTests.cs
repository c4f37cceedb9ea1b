using System.Text.Json;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

/// <summary><c>replay --alertmanager</c> sends the incidents to a real Alertmanager: the ones still firing at the end are active there.</summary>
public sealed class ReplayAlertmanagerTests
{
    [Fact]
    public async Task Replay_AlertmanagerOption_StillFiringIncidentsAreActiveInAlertmanager()
    {
        using var dir = new TempDirectory();
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        StreamFileWriter.Write(new GeneratorOptions
        {
            Seed = 7,
            Records = 40_000,
            Duration = TimeSpan.FromHours(2),
            DelayedLabelRate = 0.9,
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,size=0.3,start=1h")],
        }, dir.File("in.jsonl"), null);

        var (exit, output, error) = await CliRunner.RunAsync(
            "replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"), "--rules", RepoPaths.DefaultRules, "--alertmanager", alertmanager.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.Contains("alertmanager: ", output, StringComparison.Ordinal);
        var incidents = IncidentLine.Read(dir.File("out/incidents.jsonl"));
        var inhibited = File.ReadLines(dir.File("out/incidents.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("inhibited").GetBoolean()).ToList();
        var stillFiring = incidents.Select((incident, i) => (incident, inhibited[i]))
            .GroupBy(x => x.incident.Id)
            .Where(g => g.Last().incident.Status == "firing" && !g.Last().Item2)
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(stillFiring);
        var alerts = await alertmanager.AlertsAsync();
        Assert.Equal(stillFiring, alerts.Select(a => a.GetProperty("annotations").GetProperty("incident_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal("int8-dynamic", a.GetProperty("labels").GetProperty("variant").GetString()));
    }
}
