using CompressionSafety.Testing;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>docker-compose.yml cannot run here (no container engine), so it is checked statically.</summary>
public sealed class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = YamlFile.LoadDocuments("docker-compose.yml").Single();
    private static readonly YamlMappingNode Services = Compose.Map("services");

    [Fact]
    public void Services_ComposeFile_AreTheFullStack()
    {
        Assert.Equal(["alertmanager", "grafana", "influxdb", "kafka", "producer", "prometheus", "worker"], Services.Keys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Alertmanager_ComposeConfig_LoadsInTheRealAlertmanagerAndTheWorkerSendsToIt()
    {
        var config = RepositoryRoot.Combine("deploy/alertmanager/alertmanager.yml");
        Assert.Contains("./deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro", Services.Strings("alertmanager", "volumes"));
        Assert.Equal("http://alertmanager:9093", Services.Pairs("worker", "environment")["Alertmanager__Urls__0"]);

        // Alertmanager refuses to start on an invalid configuration, so becoming ready proves the file is valid.
        await using var server = await LocalServer.StartAsync(
            Environment.GetEnvironmentVariable("ALERTMANAGER_BIN") ?? "/usr/bin/prometheus-alertmanager",
            "prometheus-alertmanager",
            (port, dir) => ["--config.file=" + config, "--storage.path=" + dir, "--web.listen-address=127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster.listen-address="],
            "/-/ready");
        using var http = new HttpClient();
        using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(server.Url + "/api/v2/status")));
        Assert.Contains("receiver: on-call", status.RootElement.GetProperty("config").GetProperty("original").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Images_EveryService_ArePinnedOrBuiltFromTheRepository()
    {
        foreach (var name in Services.Keys())
        {
            var image = Services.Text(name, "image");
            Assert.False(string.IsNullOrEmpty(image), $"{name} has no image");
            var tag = image![(image.LastIndexOf('/') + 1)..].Split(':');
            Assert.True(tag.Length == 2 && tag[1].Length > 0 && tag[1] != "latest", $"{name}: image {image} is not pinned");
            Assert.Matches(@"\d", tag[1]);
            if (Services.Get(name, "build") is not null)
            {
                Assert.True(Directory.Exists(RepositoryRoot.Combine(Services.Text(name, "build", "context")!)));
                Assert.True(File.Exists(RepositoryRoot.Combine(Services.Text(name, "build", "dockerfile")!)), $"{name}: Dockerfile missing");
            }
        }
    }

    [Fact]
    public void Ports_ComposeFile_PublishUiApiAndBrokerOnDistinctHostPorts()
    {
        var published = Services.Keys().SelectMany(name => Services.Strings(name, "ports").Select(p => (name, host: p.Split(':')[0]))).ToList();

        Assert.Equal(published.Count, published.Select(p => p.host).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(("grafana", "3000"), published);
        Assert.Contains(("influxdb", "8086"), published);
        Assert.Contains(("kafka", "29092"), published);
        Assert.Contains(("worker", "8080"), published);
        Assert.Contains(("prometheus", "9090"), published);
        Assert.Contains(("alertmanager", "9093"), published);
    }

    [Fact]
    public void Prometheus_ComposeConfig_ScrapesTheWorkersOneServerAndAlertsThroughTheComposeAlertmanager()
    {
        var config = YamlFile.LoadDocuments("deploy/prometheus/prometheus.yml").Single();
        var scrape = ((YamlSequenceNode)config.Get("scrape_configs")!).Children.Cast<YamlMappingNode>().Single();
        var target = ((YamlSequenceNode)((YamlSequenceNode)scrape.Get("static_configs")!).Children[0].Get("targets")!).Children.Single().ToString();
        var alertmanagers = ((YamlSequenceNode)config.Map("alerting").Get("alertmanagers")!).Children[0];
        var alertmanager = ((YamlSequenceNode)((YamlSequenceNode)alertmanagers.Get("static_configs")!).Children[0].Get("targets")!).Children.Single().ToString();
        var rules = ((YamlSequenceNode)config.Get("rule_files")!).Children.Single().ToString();
        var volumes = Services.Strings("prometheus", "volumes");
        var worker = Services.Pairs("worker", "environment");

        Assert.Contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", volumes);
        Assert.Contains("./deploy/prometheus/rules:" + Path.GetDirectoryName(rules) + ":ro", volumes);
        Assert.NotEmpty(Directory.GetFiles(RepositoryRoot.Combine("deploy/prometheus/rules"), Path.GetFileName(rules)));
        // The worker serves /metrics on its one HTTP server: the scrape target is the worker's Health:Prefix port.
        Assert.Equal("/metrics", scrape.Text("metrics_path"));
        Assert.Equal("http://*:8080/", worker["Health__Prefix"]);
        Assert.Equal("worker:8080", target);
        Assert.NotEqual("false", worker.GetValueOrDefault("Metrics__Enabled"));
        Assert.Equal("http://" + alertmanager, worker["Alertmanager__Urls__0"]);
        Assert.Equal("http://prometheus:9090", Services.Pairs("grafana", "environment")["PROMETHEUS_URL"]);
        Assert.Contains("9090:9090", Services.Strings("prometheus", "ports"));
        Assert.Contains("url: ${PROMETHEUS_URL}", File.ReadAllText(RepositoryRoot.Combine("deploy/grafana/provisioning/datasources/prometheus.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void WorkerSettings_DeployFile_ServeMetricsAndSendToTheComposeAlertmanager()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(RepositoryRoot.Combine("deploy/worker.json")).Build();

        Assert.Equal("http://*:8080/", settings["Health:Prefix"]);
        Assert.Equal("True", settings["Metrics:Enabled"]);
        Assert.Null(settings["Metrics:Prefix"]);
        Assert.Equal(Services.Pairs("worker", "environment")["Alertmanager__Urls__0"], settings["Alertmanager:Urls:0"]);
    }

    [Fact]
    public void Volumes_BindMounts_ExistInTheRepositoryAndNamedVolumesAreDeclared()
    {
        var declared = Compose.Map("volumes").Keys().ToHashSet(StringComparer.Ordinal);
        foreach (var name in Services.Keys())
        {
            foreach (var volume in Services.Strings(name, "volumes"))
            {
                var source = volume.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    var path = RepositoryRoot.Combine(source[2..]);
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: {source} does not exist");
                }
                else
                {
                    Assert.Contains(source, declared);
                }
            }
        }
    }

    [Fact]
    public void Grafana_Mounts_ProvisioningAndDashboardsWhereTheProviderLooks()
    {
        var volumes = Services.Strings("grafana", "volumes");
        var provider = YamlFile.LoadDocuments("deploy/grafana/provisioning/dashboards/compression-safety.yaml").Single();
        var providerPath = ((YamlSequenceNode)provider.Get("providers")!).Children[0].Text("options", "path");

        Assert.Contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro", volumes);
        Assert.Contains("./dashboards:" + providerPath + ":ro", volumes);
        Assert.StartsWith(providerPath + "/", Services.Pairs("grafana", "environment")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"], StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryRoot.Combine("dashboards/" + Path.GetFileName(Services.Pairs("grafana", "environment")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]))));
    }

    [Fact]
    public void Environment_InfluxDbSetup_MatchesWorkerAndGrafana()
    {
        var influx = Services.Pairs("influxdb", "environment");
        var worker = Services.Pairs("worker", "environment");
        var grafana = Services.Pairs("grafana", "environment");

        Assert.Equal("setup", influx["DOCKER_INFLUXDB_INIT_MODE"]);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_ORG"], worker["InfluxDb__Org"]);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_BUCKET"], worker["InfluxDb__Bucket"]);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_ORG"], grafana["INFLUXDB_ORG"]);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_BUCKET"], grafana["INFLUXDB_BUCKET"]);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"], worker[new InfluxDbOptions().TokenEnvironmentVariable]);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"], grafana["INFLUXDB_TOKEN"]);
        Assert.Equal("http://influxdb:8086", worker["InfluxDb__Url"]);
        Assert.Equal("http://influxdb:8086", grafana["INFLUXDB_URL"]);
    }

    [Fact]
    public void InfluxDb_InitScript_MapsTheBucketToTheDatabaseGrafanaQueries()
    {
        var influx = Services.Pairs("influxdb", "environment");
        var script = File.ReadAllText(RepositoryRoot.Combine("deploy/influxdb/init/create-dbrp.sh"));
        var datasource = File.ReadAllText(RepositoryRoot.Combine("deploy/grafana/provisioning/datasources/influxdb.yaml"));

        // The image runs /docker-entrypoint-initdb.d/*.sh once after setup; the script maps database = bucket name.
        Assert.Contains("./deploy/influxdb/init:/docker-entrypoint-initdb.d:ro", Services.Strings("influxdb", "volumes"));
        Assert.Equal("setup", influx["DOCKER_INFLUXDB_INIT_MODE"]);
        Assert.Contains("influx v1 dbrp create", script, StringComparison.Ordinal);
        Assert.Contains("--bucket-id \"${DOCKER_INFLUXDB_INIT_BUCKET_ID}\"", script, StringComparison.Ordinal);
        Assert.Contains("--db \"${DOCKER_INFLUXDB_INIT_BUCKET}\"", script, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(RepositoryRoot.Combine("deploy/influxdb/init/create-dbrp.sh")) & UnixFileMode.UserExecute) != 0, "create-dbrp.sh must be executable");
        }

        Assert.Contains("version: InfluxQL", datasource, StringComparison.Ordinal);
        Assert.Contains("dbName: ${INFLUXDB_BUCKET}", datasource, StringComparison.Ordinal);
        Assert.Equal(influx["DOCKER_INFLUXDB_INIT_BUCKET"], Services.Pairs("grafana", "environment")["INFLUXDB_BUCKET"]);
        Assert.Equal(DashboardDataFixture.Database, influx["DOCKER_INFLUXDB_INIT_BUCKET"]);
    }

    [Fact]
    public void Kafka_KRaftSingleNode_AdvertisesTheAddressWorkerAndProducerUse()
    {
        var kafka = Services.Pairs("kafka", "environment");
        var worker = Services.Pairs("worker", "environment");
        var producer = Services.Strings("producer", "command");

        Assert.Equal("broker,controller", kafka["KAFKA_PROCESS_ROLES"]);
        Assert.Contains("PLAINTEXT://kafka:9092", kafka["KAFKA_ADVERTISED_LISTENERS"], StringComparison.Ordinal);
        Assert.Equal("kafka:9092", worker["Kafka__BootstrapServers"]);
        Assert.Equal("produce", producer[0]);
        Assert.Equal("kafka:9092", producer[producer.ToList().IndexOf("--bootstrap") + 1]);
        Assert.Equal(worker["Kafka__InferenceLogTopic"], producer[producer.ToList().IndexOf("--topic") + 1]);
        Assert.Contains("--degrade", producer);
    }

    [Fact]
    public void DependsOn_EveryService_NamesExistingServices()
    {
        foreach (var name in Services.Keys())
        {
            if (Services.Get(name, "depends_on") is YamlMappingNode dependencies)
            {
                Assert.All(dependencies.Keys(), dependency => Assert.Contains(dependency, Services.Keys()));
            }
        }
    }
}
