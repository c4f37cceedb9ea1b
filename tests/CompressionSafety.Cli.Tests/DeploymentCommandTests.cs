using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Options;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.Cli.Tests;

/// <summary>
/// The deployment files cannot be run here (no container engine), so check what they ask of the tool: every command
/// line parses against the real CLI, and every setting they pass names a real option.
/// </summary>
public partial class DeploymentCommandTests
{
    /// <summary>The worker's own list of sections and option types (the one StrictSettings checks at start).</summary>
    private static IReadOnlyDictionary<string, Type> Sections => StrictSettings.Sections;

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryRoot.Combine("docker-compose.yml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static string[] Command(YamlMappingNode services, string service) =>
        ((YamlSequenceNode)((YamlMappingNode)services[service])["command"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    private static void AssertParses(string[] args)
    {
        var errors = CliApp.CreateRootCommand().Parse(args).Errors;
        Assert.True(errors.Count == 0, string.Join(" ", args) + ": " + string.Join("; ", errors.Select(e => e.Message)));
    }

    private static void AssertSetting(string section, string property)
    {
        Assert.True(Sections.TryGetValue(section, out var type), $"unknown section {section}");
        Assert.True(type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance) is not null, $"{section}:{property} is not a setting of {type.Name}");
    }

    [Fact]
    public void Compose_WorkerAndProducerCommands_ParseAgainstTheCli()
    {
        var services = Compose();

        AssertParses(Command(services, "worker"));
        AssertParses(Command(services, "producer"));
    }

    [Fact]
    public void Compose_WorkerEnvironment_NamesRealSettings()
    {
        var environment = (YamlMappingNode)((YamlMappingNode)Compose()["worker"])["environment"];
        foreach (var key in environment.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => k.Contains("__", StringComparison.Ordinal)))
        {
            var parts = key.Split("__");
            AssertSetting(parts[0], parts[1]);
        }
    }

    [Fact]
    public void Dockerfile_DefaultCommand_ParsesAndItsSettingsFileIsValid()
    {
        var cmd = CmdPattern().Match(File.ReadAllText(RepositoryRoot.Combine("deploy", "Dockerfile")));
        Assert.True(cmd.Success);
        var args = JsonSerializer.Deserialize<string[]>(cmd.Groups[1].Value)!;

        AssertParses(args);
        AssertSettingsFile(File.ReadAllText(RepositoryRoot.Combine("deploy", "worker.json")));
    }

    [Fact]
    public void LocalSample_SettingsFile_NamesRealSettings()
    {
        AssertSettingsFile(File.ReadAllText(RepositoryRoot.Combine("samples", "worker.local.json")));
    }

    [Fact]
    public void Kubernetes_ArgsAndConfigMap_ParseAndNameRealSettings()
    {
        var deployment = File.ReadAllText(RepositoryRoot.Combine("deploy", "k8s", "deployment.yaml"));
        var args = JsonSerializer.Deserialize<string[]>(ArgsPattern().Match(deployment).Groups[1].Value)!;
        AssertParses(args);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryRoot.Combine("deploy", "k8s", "configmap.yaml"))));
        var data = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["data"];
        AssertSettingsFile(((YamlScalarNode)data["worker.json"]).Value!);
    }

    private static void AssertSettingsFile(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var section in document.RootElement.EnumerateObject())
        {
            foreach (var setting in section.Value.EnumerateObject())
            {
                AssertSetting(section.Name, setting.Name);
            }
        }
    }

    [GeneratedRegex(@"^CMD (\[.*\])$", RegexOptions.Multiline)]
    private static partial Regex CmdPattern();

    [GeneratedRegex(@"args: (\[.*\])")]
    private static partial Regex ArgsPattern();
}
