using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Testing;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.Engine.Tests;

/// <summary>
/// alert-rules/schema.json (what an editor checks) and RuleLoader (what the worker runs) accept and refuse the same
/// files: the shipped rules, the examples in docs/rules.md, and mutations of a valid rule. The schema is evaluated by
/// an independent implementation (JsonSchema.Net) on the YAML read with YAML's own typing (a quoted "0.1" is a string).
/// </summary>
public sealed partial class RuleSchemaAgreementTests
{
    private const string Base = """
        rules:
          - id: flagged-up
            metric: flagged_rate_diff_low
            reference: baseline
            op: ">"
            threshold: 0.05
            for: 2
            severity: warning
            gate: needs-validation
            labels: {team: safety}
        """;

    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(RepositoryRoot.Combine("alert-rules", "schema.json")));

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("alert-rules"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file), File.ReadAllText(file));
        }

        var docs = File.ReadAllText(RepositoryRoot.Combine("docs", "rules.md"));
        var n = 0;
        foreach (Match block in YamlBlock().Matches(docs))
        {
            data.Add($"docs/rules.md yaml block {++n}", block.Groups[1].Value);
        }

        return data;
    }

    public static TheoryData<string, string, string> Mutations() => new()
    {
        { "valid as written", "threshold: 0.05", "threshold: 0.05" },
        { "threshold quoted", "threshold: 0.05", "threshold: \"0.05\"" },
        { "threshold single-quoted", "threshold: 0.05", "threshold: '0.05'" },
        { "threshold not a number", "threshold: 0.05", "threshold: high" },
        { "threshold a list", "threshold: 0.05", "threshold: [0.05]" },
        { "for quoted", "for: 2", "for: \"2\"" },
        { "for zero", "for: 2", "for: 0" },
        { "for fractional", "for: 2", "for: 1.5" },
        { "unknown key", "for: 2", "for: 2\n    fore: 3" },
        { "unknown severity", "severity: warning", "severity: urgent" },
        { "unknown gate", "gate: needs-validation", "gate: maybe" },
        { "unknown operator", "op: \">\"", "op: \"=>\"" },
        { "unknown reference", "reference: baseline", "reference: yesterday" },
        { "metric missing", "    metric: flagged_rate_diff_low\n", string.Empty },
        { "id with capitals", "id: flagged-up", "id: Flagged_Up" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void ShippedAndDocumentedRules_ValidForBoth(string name, string yaml)
    {
        var (schemaValid, loaderValid, errors) = Judge(yaml);

        Assert.True(schemaValid, $"{name}: schema.json refuses it");
        Assert.True(loaderValid, $"{name}: the loader refuses it: {errors}");
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Mutation_SchemaAndLoaderAgree(string name, string from, string to)
    {
        Assert.Contains(from, Base, StringComparison.Ordinal);
        var (schemaValid, loaderValid, errors) = Judge(Base.Replace(from, to, StringComparison.Ordinal));

        Assert.True(schemaValid == loaderValid, $"{name}: schema.json says {(schemaValid ? "valid" : "invalid")}, the loader {(loaderValid ? "valid" : "invalid: " + errors)}");
    }

    [Fact]
    public void QuotedThreshold_LoaderSaysWhatToDo()
    {
        var (_, errors) = RuleLoader.Validate([("r.yaml", Base.Replace("threshold: 0.05", "threshold: \"0.05\"", StringComparison.Ordinal))]);

        Assert.Contains(errors, e => e.ToString().Contains("threshold must be a number, not the string '0.05' (remove the quotes)", StringComparison.Ordinal));
    }

    private static (bool Schema, bool Loader, string Errors) Judge(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = ToJson(stream.Documents[0].RootNode);
        var result = Schema.Evaluate(JsonDocument.Parse(json?.ToJsonString() ?? "null").RootElement);
        var (_, errors) = RuleLoader.Validate([("r.yaml", yaml)]);
        return (result.IsValid, errors.Count == 0, string.Join("; ", errors));
    }

    /// <summary>YAML 1.2 core schema typing: plain scalars that read as null, booleans or numbers are those; the rest strings.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value ?? string.Empty),
        YamlScalarNode quoted => JsonValue.Create(quoted.Value),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };

    private static JsonValue? Plain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text is "true" or "True" or "TRUE");
        }

        if (IntegerText().IsMatch(text))
        {
            return JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
        }

        return FloatText().IsMatch(text) ? JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)) : JsonValue.Create(text);
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatText();
}
