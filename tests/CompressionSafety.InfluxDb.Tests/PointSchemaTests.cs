using CompressionSafety.Engine.Output;

namespace CompressionSafety.InfluxDb.Tests;

public sealed class PointSchemaTests
{
    [Fact]
    public void WindowTags_LineProtocolPoint_AreTheTagKeysWritten()
    {
        var line = LineProtocol.Format(TestData.RichWindow()).Split('\n')[0];

        var (measurement, tags, fields) = Parse(line);

        Assert.Equal(PointSchema.WindowMeasurement, measurement);
        Assert.Equal(PointSchema.WindowTags, tags);
        Assert.Equal(PointSchema.FieldsOf(measurement), fields);
    }

    [Fact]
    public void IncidentTags_IncidentPoint_AreTheTagKeysWritten()
    {
        var line = LineProtocol.FormatIncident(TestData.Incident(Engine.Rules.IncidentStatus.Firing, TestData.Start)).TrimEnd('\n');

        var (measurement, tags, fields) = Parse(line);

        Assert.Equal(PointSchema.IncidentMeasurement, measurement);
        Assert.Equal(PointSchema.IncidentTags, tags);
        Assert.Equal(PointSchema.FieldsOf(measurement), fields);
    }

    // Test values contain no escaped separators, so plain splitting is enough here.
    private static (string Measurement, string[] Tags, string[] Fields) Parse(string line)
    {
        var parts = line.Split(' ');
        var series = parts[0].Split(',');
        var tags = series.Skip(1).Select(tag => tag.Split('=')[0]).ToArray();
        var fields = parts[1].Split(',').Select(field => field.Split('=')[0]).ToArray();
        return (series[0], tags, fields);
    }
}
