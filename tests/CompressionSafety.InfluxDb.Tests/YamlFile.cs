using YamlDotNet.RepresentationModel;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>Small helpers over YamlDotNet's representation model for the compose and Kubernetes checks.</summary>
internal static class YamlFile
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepositoryPaths.Of(relativePath)));
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Get(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static YamlMappingNode Map(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlMappingNode ?? throw new InvalidOperationException($"No mapping at {string.Join('.', path)}");

    public static IReadOnlyList<string> Strings(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : [];

    public static IReadOnlyDictionary<string, string> Pairs(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (p.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static IEnumerable<string> Keys(this YamlMappingNode mapping) => mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!);
}
