using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Files;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>Incident state changes as points of the one line-protocol writer.</summary>
public sealed class IncidentPointTests
{
    [Fact]
    public void FormatIncident_FiringIncident_WritesTagsFiringOneAndWindowStartInNanoseconds()
    {
        var incident = TestData.Incident(IncidentStatus.Firing, TestData.Start.AddMinutes(7));

        var line = LineProtocol.FormatIncident(incident);

        Assert.Equal(
            "compression_safety_incident,rule=flagged-rate-up,severity=critical,status=firing,model=toxicity-guard,variant=int8,slice=all,team=safety,incident_id="
            + incident.Id + " firing=1 1795687620000000000\n",
            line);
    }

    [Fact]
    public void FormatIncident_Resolved_WritesStatusResolvedAndFiringZero()
    {
        var line = LineProtocol.FormatIncident(TestData.Incident(IncidentStatus.Resolved, TestData.Start));

        Assert.Contains(",status=resolved,", line, StringComparison.Ordinal);
        Assert.Contains(" firing=0 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatIncident_Inhibited_WritesStatusInhibitedAndFiringZero()
    {
        var line = LineProtocol.FormatIncident(TestData.Incident(IncidentStatus.Firing, TestData.Start) with { InhibitedBy = "other" });

        Assert.Contains(",status=inhibited,", line, StringComparison.Ordinal);
        Assert.Contains(" firing=0 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatIncident_SpecialCharactersAndNoTeam_EscapesTagsAndOmitsTeam()
    {
        var incident = TestData.Incident(IncidentStatus.Firing, TestData.Start, slice: "locale=de", rule: "r 1,x");
        incident = incident with { Rule = incident.Rule with { Labels = new Dictionary<string, string>(StringComparer.Ordinal) } };

        var line = LineProtocol.FormatIncident(incident);

        Assert.Contains(",rule=r\\ 1\\,x,", line, StringComparison.Ordinal);
        Assert.Contains(",slice=locale\\=de,incident_id=", line, StringComparison.Ordinal);
        Assert.DoesNotContain("team=", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_FileSink_AppendsIncidentPointAfterWindowPoints()
    {
        var path = Path.GetTempFileName();
        try
        {
            var incident = TestData.Incident(IncidentStatus.Firing, TestData.Start);
            using (var sink = new FileSinkScope(path))
            {
                sink.Sink.Write(TestData.Window(0));
                sink.Sink.Publish(incident);
            }

            var lines = File.ReadAllLines(path);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith(LineProtocol.WindowMeasurement + ",", lines[0], StringComparison.Ordinal);
            Assert.Equal(LineProtocol.FormatIncident(incident).TrimEnd('\n'), lines[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class FileSinkScope(string path) : IDisposable
    {
        public LineProtocolFileSink Sink { get; } = new(path);

        public void Dispose() => Sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
