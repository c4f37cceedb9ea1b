using System.Text.Json;
using System.Text.RegularExpressions;
using CompressionSafety.Testing;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>
/// Static checks of the dashboards: the expected set, provisioned datasources, InfluxQL (not Flux) targets naming only
/// written measurements, PromQL targets naming only the worker's series. Whether each query returns rows is the real
/// engines' job: <see cref="DashboardQueryTests"/> (InfluxQL on influxd) and the worker's PrometheusEndpointTests (PromQL
/// on prometheus scraping a running worker).
/// </summary>
public sealed partial class DashboardTests
{
    public static TheoryData<string> Dashboards() => [.. DashboardQuery.Files];

    public static TheoryData<string> InfluxQlDashboards() => [.. DashboardQuery.FilesQuerying(DashboardQuery.InfluxDb)];

    [Fact]
    public void Dashboards_Folder_HoldsOverviewDrillDownAndIncidents()
    {
        var uids = DashboardQuery.Files.Select(file => DashboardQuery.Load(file).GetProperty("uid").GetString()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string?>(["cs-overview", "cs-model", "cs-incidents", "cs-worker"], StringComparer.Ordinal), uids);
    }

    [Fact]
    public void Files_EveryDashboard_QueriesInfluxQlOrPromQlAndBothKindsExist()
    {
        var influxQl = DashboardQuery.FilesQuerying(DashboardQuery.InfluxDb);
        var promQl = DashboardQuery.FilesQuerying(DashboardQuery.Prometheus);

        Assert.Equal(DashboardQuery.Files, influxQl.Union(promQl).Order(StringComparer.Ordinal));
        Assert.Equal(["worker.json"], promQl);
        Assert.Equal(3, influxQl.Count);
    }

    [Fact]
    public void PromQl_WorkerDashboard_NamesOnlyWorkerSeriesOfTheScrapeJob()
    {
        var job = YamlFile.LoadDocuments("deploy/prometheus/prometheus.yml").Single();
        var jobName = ((YamlDotNet.RepresentationModel.YamlSequenceNode)job.Get("scrape_configs")!).Children[0].Text("job_name");
        var targets = DashboardQuery.Targets("worker.json", DashboardQuery.Prometheus).ToList();

        Assert.NotEmpty(targets);
        foreach (var target in targets)
        {
            Assert.Contains("job=\"" + jobName + "\"", target.Text, StringComparison.Ordinal);
            Assert.All(MetricPattern().Matches(target.Text).Select(m => m.Value), name => Assert.True(name == "up" || name.StartsWith("compression_safety_", StringComparison.Ordinal), $"{target}: {name}"));
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Datasources_Dashboard_UseTheProvisionedUids(string file)
    {
        var provisioned = string.Join('\n', Directory.GetFiles(RepositoryRoot.Combine("deploy/grafana/provisioning/datasources"), "*.yaml").Select(File.ReadAllText));
        var uids = Walk(DashboardQuery.Load(file), "datasource").Select(e => e.GetProperty("uid").GetString()!).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(uids);
        Assert.All(uids, uid => Assert.True(uid == "-- Grafana --" || provisioned.Contains("uid: " + uid, StringComparison.Ordinal), $"{file}: datasource uid {uid} is not provisioned"));
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Panels_Dashboard_EachHasRawInfluxQlOrPrometheusTargets(string file)
    {
        foreach (var panel in DashboardQuery.Panels(DashboardQuery.Load(file)))
        {
            var title = panel.GetProperty("title").GetString();
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"{file}: panel '{title}' has no query");
            foreach (var target in targets)
            {
                var type = target.GetProperty("datasource").GetProperty("type").GetString();
                Assert.True(type is DashboardQuery.InfluxDb or "prometheus", $"{file}: panel '{title}' uses {type}");
                if (type == DashboardQuery.InfluxDb)
                {
                    Assert.True(target.GetProperty("rawQuery").GetBoolean(), $"{file}: panel '{title}' is not a raw InfluxQL query");
                    Assert.StartsWith("SELECT ", target.GetProperty("query").GetString(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(InfluxQlDashboards))]
    public void Queries_Dashboard_NameOnlyWrittenMeasurementsAndFields(string file)
    {
        var queries = DashboardQuery.Targets(file, DashboardQuery.InfluxDb).Concat(DashboardQuery.Variables(file).Select(v => v.Query)).ToList();
        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            var measurements = MeasurementPattern().Matches(query.Text).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(measurements);
            Assert.All(measurements, m => Assert.True(PointSchema.TagsOf(m).Count > 0, $"{query}: unknown measurement {m}"));
            Assert.DoesNotContain("from(bucket", query.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>A series selector: a metric name followed by its label matchers.</summary>
    [GeneratedRegex(@"\b[a-z_][a-z0-9_]*(?=\{)")]
    private static partial Regex MetricPattern();

    [GeneratedRegex("FROM \"(\\w+)\"")]
    private static partial Regex MeasurementPattern();

    private static IEnumerable<JsonElement> Walk(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.Object)
                {
                    yield return property.Value;
                }

                foreach (var inner in Walk(property.Value, name))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(item => Walk(item, name)))
            {
                yield return inner;
            }
        }
    }
}
