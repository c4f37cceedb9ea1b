using System.Text.Json;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>
/// Every InfluxQL query of every dashboard (template variables, annotations, panel targets) runs on a real InfluxQL
/// engine holding a replay's <c>metrics.lp</c>, with variables and Grafana macros substituted, and must return rows with
/// the columns it selects. A panel that queries something nothing writes returns no rows and fails here.
/// </summary>
public sealed class DashboardQueryTests(DashboardDataFixture data) : IClassFixture<DashboardDataFixture>
{
    /// <summary>The InfluxQL dashboards; the PromQL one (worker.json) runs against Prometheus in the worker's tests.</summary>
    public static TheoryData<string> Files() => [.. DashboardQuery.FilesQuerying(DashboardQuery.InfluxDb)];

    /// <summary>(file, where) of every InfluxQL target; strings, so each shows as its own test case.</summary>
    public static TheoryData<string, string> Targets()
    {
        var targets = new TheoryData<string, string>();
        foreach (var file in DashboardQuery.Files)
        {
            foreach (var target in DashboardQuery.Targets(file, DashboardQuery.InfluxDb))
            {
                targets.Add(file, target.Where);
            }
        }

        return targets;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Variables_ReplayData_EveryVariableQueryReturnsValues(string file)
    {
        var variables = await ResolveAsync(file);

        Assert.NotEmpty(variables);
        Assert.All(variables, pair => Assert.NotEmpty(pair.Value));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Target_ReplayData_ReturnsRowsWithSelectedColumnsAndGroupTags(string file, string where)
    {
        var target = Assert.Single(DashboardQuery.Targets(file, DashboardQuery.InfluxDb), t => t.Where == where);
        var variables = await ResolveAsync(target.File);
        var query = target.Substitute(data.From, data.To, data.Interval, variables);

        var result = await data.Server.QueryAsync(DashboardDataFixture.Database, query);

        Assert.False(result.TryGetProperty("error", out var error), $"{target}: {error}\n{query}");
        Assert.True(result.TryGetProperty("series", out var series) && series.GetArrayLength() > 0, $"{target}: no rows\n{query}");
        var columns = target.SelectedColumns();
        foreach (var one in series.EnumerateArray())
        {
            Assert.Equal(["time", .. columns], one.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
            Assert.True(one.GetProperty("values").GetArrayLength() > 0, $"{target}: empty series");
            Assert.Contains(one.GetProperty("values").EnumerateArray(), row => row.EnumerateArray().Skip(1).All(v => v.ValueKind != JsonValueKind.Null));
            foreach (var tag in target.GroupedTags())
            {
                Assert.True(one.TryGetProperty("tags", out var tags) && tags.TryGetProperty(tag, out _), $"{target}: series without tag {tag}");
            }
        }
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> ResolveAsync(string file)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, variable) in DashboardQuery.Variables(file))
        {
            var result = await data.Server.QueryAsync(DashboardDataFixture.Database, variable.Substitute(data.From, data.To, data.Interval, values));
            Assert.True(result.TryGetProperty("series", out var series), $"{variable}: no values");
            var column = series[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf("value");
            values[name] = [.. series[0].GetProperty("values").EnumerateArray().Select(row => row[column].GetString()!)];
        }

        return values;
    }
}
