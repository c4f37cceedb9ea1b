using System.Text.RegularExpressions;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>What a dashboard's Flux query names: the row columns it compares and the tags it asks the schema for.</summary>
internal sealed partial record FluxQuery(string Text, IReadOnlyList<(string Column, string Operator, string Value)> Comparisons, IReadOnlyList<(string? Measurement, string Tag)> SchemaTags)
{
    public static FluxQuery Parse(string text)
    {
        var comparisons = ComparisonPattern().Matches(text)
            .Select(m => (m.Groups["column"].Value, m.Groups["op"].Value, m.Groups["string"].Success ? m.Groups["string"].Value : m.Groups["regex"].Value))
            .ToList();
        var schemaTags = SchemaPattern().Matches(text)
            .Select(m => (m.Groups["measurement"].Success ? m.Groups["measurement"].Value : null, m.Groups["tag"].Value))
            .ToList();
        return new FluxQuery(text, comparisons, schemaTags);
    }

    /// <summary>Every <c>r.column</c> the query reads, compared or not.</summary>
    public IEnumerable<string> Columns => ColumnPattern().Matches(Text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    public IEnumerable<string> ValuesOf(string column) =>
        Comparisons.Where(c => c.Column == column && c.Operator == "==").Select(c => c.Value);

    [GeneratedRegex(@"\br\.(?<column>\w+)\s*(?<op>==|!=|=~|!~)\s*(?:""(?<string>[^""]*)""|/(?<regex>[^/]*)/)")]
    private static partial Regex ComparisonPattern();

    [GeneratedRegex(@"\br\.(\w+)")]
    private static partial Regex ColumnPattern();

    [GeneratedRegex(@"schema\.\w*[tT]agValues\((?:[^)]*?measurement:\s*""(?<measurement>[^""]+)"")?[^)]*?tag:\s*""(?<tag>[^""]+)""")]
    private static partial Regex SchemaPattern();
}
