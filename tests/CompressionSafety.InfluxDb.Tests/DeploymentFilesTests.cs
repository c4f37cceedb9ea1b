using CompressionSafety.Testing;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>The Dockerfile and the Kubernetes manifests, checked statically.</summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryRoot.Combine("deploy/Dockerfile"));

    [Fact]
    public void Dockerfile_Stages_AreMultiStagePinnedAndNonRoot()
    {
        var from = Regex.Matches(Dockerfile, @"^FROM\s+(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.True(from.Count >= 2);
        Assert.All(from, image => Assert.Matches(@":\d+\.\d+\.\d+", image));
        Assert.Contains("-r linux-x64", Dockerfile, StringComparison.Ordinal);
        var user = Regex.Matches(Dockerfile, @"^USER\s+(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Last();
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user.Split(':')[0]);
    }

    [Fact]
    public void Dockerfile_RestoreLayer_CopiesEveryProjectTheCliNeeds()
    {
        foreach (var project in Directory.GetFiles(RepositoryRoot.Combine("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, project).Replace('\\', '/');
            Assert.Contains("COPY " + relative + " ", Dockerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Kustomization_Resources_ExistAndDefineDeploymentAndConfigMap()
    {
        var kustomization = YamlFile.LoadDocuments("deploy/k8s/kustomization.yaml").Single();
        var kinds = kustomization.Strings("resources")
            .SelectMany(resource => YamlFile.LoadDocuments("deploy/k8s/" + resource))
            .Select(document => document.Text("kind"))
            .ToList();

        Assert.Contains("Deployment", kinds);
        Assert.Contains("ConfigMap", kinds);
    }

    [Fact]
    public void Deployment_Probes_HitTheHealthEndpointsOnTheContainerPort()
    {
        var container = Container();

        Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        var port = ((YamlSequenceNode)container.Get("ports")!).Children[0].Text("name");
        Assert.Equal(port, container.Text("livenessProbe", "httpGet", "port"));
        Assert.Equal(port, container.Text("readinessProbe", "httpGet", "port"));
    }

    [Fact]
    public void Deployment_Security_RunsAsNonRootWithTheImageUser()
    {
        var deployment = YamlFile.LoadDocuments("deploy/k8s/deployment.yaml").Single();
        var user = Regex.Matches(Dockerfile, @"^USER\s+(\d+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Last();

        Assert.Equal("true", deployment.Text("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal(user, deployment.Text("spec", "template", "spec", "securityContext", "runAsUser"));
    }

    [Fact]
    public void Deployment_InfluxToken_ComesFromASecretFileTheConfigMapNames()
    {
        var deployment = YamlFile.LoadDocuments("deploy/k8s/deployment.yaml").Single();
        var volumes = (YamlSequenceNode)deployment.Get("spec", "template", "spec", "volumes")!;
        var secret = volumes.Children.Single(v => v.Text("name") == "influxdb-token");
        var mount = ((YamlSequenceNode)Container().Get("volumeMounts")!).Children.Single(m => m.Text("name") == "influxdb-token");
        var config = YamlFile.LoadDocuments("deploy/k8s/configmap.yaml").Single();
        var settings = config.Text("data", "worker.json")!;

        Assert.Equal("compression-safety-influxdb", secret.Text("secret", "secretName"));
        Assert.Contains($"\"TokenFile\": \"{mount.Text("mountPath")}/token\"", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Token\":", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigMap_Settings_AreValidJsonWithAnInfluxDbSection()
    {
        var config = YamlFile.LoadDocuments("deploy/k8s/configmap.yaml").Single();
        using var settings = System.Text.Json.JsonDocument.Parse(config.Text("data", "worker.json")!);

        Assert.True(settings.RootElement.TryGetProperty(InfluxDbOptions.SectionName, out var influx));
        Assert.StartsWith("http", influx.GetProperty("Url").GetString(), StringComparison.Ordinal);
    }

    private static YamlNode Container()
    {
        var deployment = YamlFile.LoadDocuments("deploy/k8s/deployment.yaml").Single();
        return ((YamlSequenceNode)deployment.Get("spec", "template", "spec", "containers")!).Children[0];
    }
}
