namespace CompressionSafety.InfluxDb.Tests;

public sealed class IncidentLineProtocolTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 7, 0, TimeSpan.Zero);

    [Fact]
    public void Format_OpenIncident_WritesTagsFiringOneAndNanosecondTimestamp()
    {
        var line = IncidentLineProtocol.Format(new IncidentPoint("inc-1", "flagged-rate-up", "critical", "open", "toxicity-guard", "int8", "all", true, At));

        Assert.Equal(
            "compression_safety_incident,rule=flagged-rate-up,severity=critical,status=open,model=toxicity-guard,variant=int8,slice=all,incident_id=inc-1 firing=1 1795687620000000000\n",
            line);
    }

    [Fact]
    public void Format_ResolvedIncidentWithSpecialCharacters_EscapesTagsAndWritesZero()
    {
        var line = IncidentLineProtocol.Format(new IncidentPoint("a,b", "r 1", "warning", "resolved", "m", "v", "locale=de", false, At));

        Assert.Contains(",rule=r\\ 1,", line, StringComparison.Ordinal);
        Assert.Contains(",slice=locale\\=de,incident_id=a\\,b firing=0 ", line, StringComparison.Ordinal);
    }
}
