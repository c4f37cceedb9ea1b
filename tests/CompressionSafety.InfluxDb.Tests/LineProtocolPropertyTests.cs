using System.Text;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Testing;
using FsCheck.Xunit;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>
/// The one line-protocol writer, read back by an independent parser written from the grammar
/// (<see cref="LineProtocolParser"/>): whatever the names hold, the text holds exactly the points written, each tag
/// carrying its name with only the characters line protocol cannot carry (control characters) replaced.
/// </summary>
public sealed class LineProtocolPropertyTests
{
    private const string Seed = "(20261201,17)";

    // Every character the grammar gives a meaning, every control character class, and some ordinary text.
    private static readonly string Hostile = ",= \\\"#\n\r\t\0\u0001\u001b\u007f\u0085\u009f\u2028aZ0_-.é";

    [Property(Replay = Seed, MaxTest = 300)]
    public bool Format_HostileNames_ParsesBackToExactlyThePointsWritten(int seed)
    {
        var random = new Random(seed);
        var key = new WindowKey(Name(random), Name(random), Name(random));
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            metrics[Name(random)] = random.NextDouble() * 1e6 - 5e5;
        }

        var reference = Name(random);
        var compared = new Dictionary<string, double>(StringComparer.Ordinal) { [Name(random)] = random.NextDouble() };
        var start = DateTimeOffset.UnixEpoch.AddMinutes(random.Next(0, 100_000_000));
        var result = new WindowResult(key, WindowKind.Traffic, start, start.AddMinutes(5), 1, metrics,
            [new ReferenceComparison(reference, compared)], new Dictionary<string, Histogram>());

        var points = LineProtocolParser.Parse(LineProtocol.Format(result));

        var expected = metrics.Select(m => (Reference: LineProtocol.SelfReference, Metric: m.Key, m.Value))
            .Concat(compared.Select(m => (Reference: reference, Metric: m.Key, m.Value)))
            .Select(p => (Readable(p.Reference), Readable(p.Metric), p.Value))
            .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ThenBy(p => p.Item3).ToList();
        var actual = points.Select(p => (p.Tag("reference"), p.Tag("metric"), (double)p.Fields.Single(f => f.Key == "value").Value))
            .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ThenBy(p => p.Item3).ToList();
        var nanoseconds = (start - DateTimeOffset.UnixEpoch).Ticks * 100;
        return points.All(p => p.Measurement == LineProtocol.WindowMeasurement
                && p.Tags.Select(t => t.Key).SequenceEqual(["model", "variant", "slice", "kind", "reference", "metric"])
                && p.Tag("model") == Readable(key.Model)
                && p.Tag("variant") == Readable(key.Variant)
                && p.Tag("slice") == Readable(key.Slice)
                && p.Timestamp == nanoseconds)
            && expected.SequenceEqual(actual);
    }

    [Property(Replay = Seed, MaxTest = 300)]
    public bool FormatIncident_HostileNames_ParsesBackToOnePointWithEveryTag(int seed)
    {
        var random = new Random(seed);
        var incident = TestData.Incident(IncidentStatus.Firing, TestData.Start, slice: Name(random), rule: Name(random));
        var team = "t" + Name(random);
        incident = incident with
        {
            Key = new WindowKey(Name(random), Name(random), incident.Key.Slice),
            Rule = incident.Rule with { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = team } },
        };

        var point = Assert.Single(LineProtocolParser.Parse(LineProtocol.FormatIncident(incident)));

        return point.Measurement == LineProtocol.IncidentMeasurement
            && point.Tag("rule") == Readable(incident.Rule.Id)
            && point.Tag("model") == Readable(incident.Key.Model)
            && point.Tag("variant") == Readable(incident.Key.Variant)
            && point.Tag("slice") == Readable(incident.Key.Slice)
            && point.Tag("team") == Readable(team)
            && point.Tag("incident_id") == Readable(incident.Id)
            && point.Fields.Single().Key == LineProtocol.FiringField
            && point.Timestamp == (TestData.Start - DateTimeOffset.UnixEpoch).Ticks * 100;
    }

    [Property(Replay = Seed, MaxTest = 300)]
    public bool EscapeMeasurementAndFieldString_HostileText_ParseBackAsWritten(int seed)
    {
        var random = new Random(seed);
        var measurement = Name(random);
        var tagKey = Name(random);
        var fieldKey = Name(random);
        var text = Name(random);
        var line = LineProtocol.EscapeMeasurement(measurement) + "," + LineProtocol.EscapeTag(tagKey) + "=v "
            + LineProtocol.EscapeTag(fieldKey) + "=\"" + LineProtocol.EscapeFieldString(text) + "\" 1";

        var point = LineProtocolParser.ParseLine(line);

        return point.Measurement == Readable(measurement)
            && point.Tags.Single().Key == Readable(tagKey)
            && point.Fields.Single().Key == Readable(fieldKey)
            && (string)point.Fields.Single().Value == Controls(text);
    }

    [Fact]
    public void Format_IssueModelName_WritesOnePointPerMetricAndNoForgedIncident()
    {
        var result = TestData.RichWindow() with { Key = new WindowKey("toxicity-guard\ncompression_safety_incident", "int8", "all") };

        var points = LineProtocolParser.Parse(LineProtocol.Format(result));

        Assert.Equal(3, points.Count);
        Assert.All(points, p => Assert.Equal(LineProtocol.WindowMeasurement, p.Measurement));
        Assert.All(points, p => Assert.Equal("toxicity-guard\uFFFDcompression_safety_incident", p.Tag("model")));
    }

    [SkippableFact]
    public async Task Write_IssueModelNameToVictoriaMetrics_StoresOnlyTheWindowPoints()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        await using var sink = TestData.Sink(TestData.Options(server.Url));
        var result = TestData.RichWindow() with { Key = new WindowKey("toxicity-guard\ncompression_safety_incident", "int8", "all") };

        sink.Write(result);
        await sink.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var series = await server.ExportAsync(LineProtocol.WindowMeasurement + "_" + PointSchema.ValueField);
        Assert.Equal(3, series.Count);
        Assert.All(series, s => Assert.Equal("toxicity-guard\uFFFDcompression_safety_incident", s.Labels["model"]));
        // The old writer's newline made the rest of each line a point of measurement compression_safety_incident.
        Assert.Empty(await server.ExportAsync(LineProtocol.IncidentMeasurement + "_" + PointSchema.ValueField));
        Assert.Empty(await server.ExportAsync(LineProtocol.IncidentMeasurement + "_" + PointSchema.FiringField));
        Assert.Equal(0, sink.RejectedPoints);
    }

    [Fact]
    public void Parser_UnescapedNewlineOrEquals_IsRefused()
    {
        // The parser is the judge of the properties above: it must refuse what the old writer produced.
        Assert.Throws<FormatException>(() => LineProtocolParser.ParseLine("m,model=a\rb value=1 1"));
        Assert.Throws<FormatException>(() => LineProtocolParser.ParseLine("m,slice=a=b value=1 1"));
        Assert.Throws<FormatException>(() => LineProtocolParser.ParseLine("m,model= value=1 1"));
        Assert.Equal("a b,c=d\\e", LineProtocolParser.ParseLine("m,t=a\\ b\\,c\\=d\\\\e f=1").Tag("t"));
    }

    /// <summary>What a name reads back as: control characters replaced, an empty name one replacement character.</summary>
    private static string Readable(string name) => name.Length == 0 ? "\uFFFD" : Controls(name);

    private static string Controls(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '\uFFFD' : c));

    private static string Name(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            builder.Append(random.Next(4) == 0 ? (char)random.Next(0x20, 0xD800) : Hostile[random.Next(Hostile.Length)]);
        }

        return builder.ToString();
    }
}
