using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CompressionSafety.Testing;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>One InfluxQL query of a dashboard (a template variable, an annotation or a panel target), named for test output.</summary>
/// <param name="File">The dashboard file.</param>
/// <param name="Where">What holds the query, e.g. <c>panel 'Open incidents' A</c>.</param>
/// <param name="Text">The query as Grafana stores it, with variables and macros.</param>
public sealed partial record DashboardQuery(string File, string Where, string Text)
{
    /// <summary>The datasource type every InfluxQL query names.</summary>
    public const string InfluxDb = "influxdb";

    /// <summary>The datasource type of the worker-metrics dashboard's PromQL queries (run by PrometheusEndpointTests in the worker's tests).</summary>
    public const string Prometheus = "prometheus";

    /// <summary>Every dashboard file in <c>dashboards/</c>.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. Directory.GetFiles(RepositoryRoot.Combine("dashboards"), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>The dashboards with at least one query on a datasource of type <paramref name="datasource"/>.</summary>
    public static IReadOnlyList<string> FilesQuerying(string datasource) => [.. Files.Where(file => Targets(file, datasource).Any())];

    /// <summary>The parsed dashboard.</summary>
    public static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(RepositoryRoot.Combine(Path.Combine("dashboards", file))));
        return document.RootElement.Clone();
    }

    /// <summary>The template variables of <paramref name="file"/> with their queries, in the order Grafana resolves them.</summary>
    public static IReadOnlyList<(string Name, DashboardQuery Query)> Variables(string file) =>
        [.. Load(file).GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query" && TypeOf(v) == InfluxDb)
            .Select(v => (v.GetProperty("name").GetString()!, new DashboardQuery(file, "variable " + v.GetProperty("name").GetString(), v.GetProperty("query").GetString()!)))];

    /// <summary>The annotation queries and panel targets of <paramref name="file"/> whose datasource has type <paramref name="datasource"/>.</summary>
    public static IEnumerable<DashboardQuery> Targets(string file, string datasource)
    {
        var root = Load(file);
        foreach (var annotation in root.GetProperty("annotations").GetProperty("list").EnumerateArray())
        {
            if (TypeOf(annotation) == datasource)
            {
                yield return new DashboardQuery(file, "annotation " + annotation.GetProperty("name").GetString(), annotation.GetProperty(datasource == InfluxDb ? "query" : "expr").GetString()!);
            }
        }

        foreach (var panel in Panels(root))
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var type = target.TryGetProperty("datasource", out _) ? TypeOf(target) : TypeOf(panel);
                if (type == datasource)
                {
                    var where = $"panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}";
                    yield return new DashboardQuery(file, where, target.GetProperty(datasource == InfluxDb ? "query" : "expr").GetString()!);
                }
            }
        }
    }

    /// <summary>Every panel that shows data (rows excluded), nested ones included.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (panel.GetProperty("type").GetString() == "row")
            {
                foreach (var inner in panel.GetProperty("panels").EnumerateArray())
                {
                    yield return inner;
                }
            }
            else
            {
                yield return panel;
            }
        }
    }

    /// <summary>
    /// The query as Grafana sends it: <c>$timeFilter</c> becomes the range in epoch milliseconds, <c>$__interval</c> the
    /// given interval, <c>${name:regex}</c> the alternation of all the variable's values (Grafana's regex format of a
    /// multi-value variable), and <c>${name}</c> / <c>$name</c> its first value (a single-value or repeated variable).
    /// </summary>
    public string Substitute(DateTimeOffset from, DateTimeOffset to, TimeSpan interval, IReadOnlyDictionary<string, IReadOnlyList<string>> variables)
    {
        var text = Text
            .Replace("$timeFilter", string.Create(CultureInfo.InvariantCulture, $"time >= {from.ToUnixTimeMilliseconds()}ms and time <= {to.ToUnixTimeMilliseconds()}ms"), StringComparison.Ordinal)
            .Replace("$__interval_ms", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$__interval", ((long)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", StringComparison.Ordinal);
        text = VariablePattern().Replace(text, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["plain"].Value;
            Assert.True(variables.TryGetValue(name, out var values), $"{File} {Where}: variable ${name} is not defined (or not resolved before use)");
            return match.Groups["format"].Value == "regex"
                ? "(" + string.Join('|', values.Select(Regex.Escape).Select(v => v.Replace("/", "\\/", StringComparison.Ordinal))) + ")"
                : values[0];
        });
        Assert.DoesNotMatch(@"\$[\w{]", text);
        return text;
    }

    /// <summary>The column names of the outermost SELECT, taken from its <c>AS "alias"</c> clauses (every expression must have one).</summary>
    public IReadOnlyList<string> SelectedColumns()
    {
        var select = Text[..Text.IndexOf(" FROM ", StringComparison.Ordinal)];
        var aliases = AliasPattern().Matches(select).Select(m => m.Groups[1].Value).ToList();
        Assert.True(aliases.Count == select.Count(c => c == ',') + 1, $"{File} {Where}: give every selected expression an AS \"alias\": {select}");
        return aliases;
    }

    /// <summary>The tag keys of the outermost GROUP BY; none when the last GROUP BY belongs to a subquery.</summary>
    public IReadOnlyList<string> GroupedTags()
    {
        var at = Text.LastIndexOf("GROUP BY ", StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        var clause = Text[at..];
        return clause.Count(c => c == ')') > clause.Count(c => c == '(') ? [] : [.. TagPattern().Matches(clause).Select(m => m.Groups[1].Value)];
    }

    public override string ToString() => $"{File}: {Where}";

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("datasource", out var datasource) && datasource.ValueKind == JsonValueKind.Object
            ? datasource.GetProperty("type").GetString()
            : null;

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::(?<format>\w+))?\}|\$(?<plain>[A-Za-z]\w*)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex("AS \"(\\w+)\"")]
    private static partial Regex AliasPattern();

    [GeneratedRegex("\"(\\w+)\"")]
    private static partial Regex TagPattern();
}
