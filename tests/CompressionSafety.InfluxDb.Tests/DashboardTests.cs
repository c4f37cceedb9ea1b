using System.Text.Json;
using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>Dashboards may only name what the sinks write (<see cref="PointSchema"/>, <see cref="MetricCatalog"/>), so they cannot rot.</summary>
public sealed class DashboardTests
{
    private static readonly string[] Builtins = ["_measurement", "_field", "_value", "_time", "_start", "_stop"];

    public static TheoryData<string> Dashboards()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Of("dashboards"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Dashboards_Folder_HoldsOverviewDrillDownAndIncidents()
    {
        var uids = Directory.GetFiles(RepositoryPaths.Of("dashboards"), "*.json")
            .Select(path => Load(Path.GetFileName(path)).RootElement.GetProperty("uid").GetString())
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string?>(["cs-overview", "cs-model", "cs-incidents"], StringComparer.Ordinal), uids);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Queries_Dashboard_NameOnlyWrittenMeasurementsFieldsAndTags(string file)
    {
        var queries = Queries(Load(file).RootElement).Select(FluxQuery.Parse).ToList();
        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            var measurements = query.ValuesOf("_measurement").Concat(query.SchemaTags.Select(t => t.Measurement).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
            var measurement = Assert.Single(measurements);
            Assert.True(PointSchema.TagsOf(measurement).Count > 0, $"{file}: unknown measurement {measurement}");
            var tags = PointSchema.TagsOf(measurement);

            foreach (var column in query.Columns)
            {
                Assert.True(Builtins.Contains(column) || tags.Contains(column), $"{file}: {measurement} has no tag '{column}'");
            }

            foreach (var (_, tag) in query.SchemaTags)
            {
                Assert.Contains(tag, tags);
            }

            foreach (var field in query.ValuesOf("_field"))
            {
                Assert.Contains(field, PointSchema.FieldsOf(measurement));
            }

            Assert.NotEmpty(query.ValuesOf("_field").Concat(query.SchemaTags.Select(t => t.Tag)));
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Queries_Dashboard_NameCatalogueMetricsWithTheirReferenceAndKind(string file)
    {
        foreach (var query in Queries(Load(file).RootElement).Select(FluxQuery.Parse))
        {
            var references = query.ValuesOf("reference").ToList();
            var kinds = query.ValuesOf("kind").ToList();
            Assert.All(kinds, kind => Assert.Contains(kind, PointSchema.KindValues));
            Assert.DoesNotContain(query.Comparisons, c => c.Column is "metric" or "reference" or "kind" && c.Operator != "==");
            foreach (var metric in query.ValuesOf("metric"))
            {
                var candidates = references.Count == 0
                    ? MetricCatalog.All.Where(d => d.Matches(metric)).ToList()
                    : references.Select(r => MetricCatalog.Find(metric, r == LineProtocol.SelfReference ? null : r)).OfType<MetricDefinition>().ToList();
                Assert.True(candidates.Count > 0, $"{file}: metric '{metric}' with reference [{string.Join(", ", references)}] is not in the catalogue");
                foreach (var kind in kinds)
                {
                    var expected = kind == "traffic" ? WindowKind.Traffic : WindowKind.Labels;
                    Assert.True(candidates.Any(d => d.Kind == expected), $"{file}: metric '{metric}' is not written with kind '{kind}'");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Datasources_Dashboard_UseTheProvisionedInfluxDbUid(string file)
    {
        var provisioned = File.ReadAllText(RepositoryPaths.Of("deploy/grafana/provisioning/datasources/influxdb.yaml"));
        Assert.Contains("uid: influxdb", provisioned, StringComparison.Ordinal);
        var uids = Datasources(Load(file).RootElement).ToList();

        Assert.NotEmpty(uids);
        Assert.All(uids, uid => Assert.True(uid is "influxdb" or "-- Grafana --", $"{file}: datasource uid {uid}"));
    }

    private static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of(Path.Combine("dashboards", file))));

    private static IEnumerable<string> Queries(JsonElement element) => Walk(element, "query", JsonValueKind.String)
        .Select(e => e.GetString()!)
        .Where(q => q.Contains("from(bucket", StringComparison.Ordinal) || q.Contains("schema.", StringComparison.Ordinal));

    private static IEnumerable<string> Datasources(JsonElement element) => Walk(element, "datasource", JsonValueKind.Object)
        .Select(e => e.GetProperty("uid").GetString()!);

    private static IEnumerable<JsonElement> Walk(JsonElement element, string name, JsonValueKind kind)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == kind)
                {
                    yield return property.Value;
                }

                foreach (var inner in Walk(property.Value, name, kind))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Walk(item, name, kind))
                {
                    yield return inner;
                }
            }
        }
    }
}
