using CompressionSafety.Testing;
using CompressionSafety.Worker.Options;
using Microsoft.Extensions.Configuration;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>The strict check of the worker's sections (issue 16): unknown keys and wrong types are named, good files pass.</summary>
public sealed class StrictSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Theory]
    [InlineData("deploy", "worker.json")]
    [InlineData("samples", "worker.local.json")]
    public void Check_ShippedWorkerSettings_HaveNoProblems(string folder, string name)
    {
        var file = new ConfigurationBuilder().AddJsonFile(RepositoryRoot.Combine(folder, name)).Build();

        Assert.Empty(StrictSettings.Check(file));
        Assert.Empty(StrictSettings.CheckTopLevel(file));
    }

    [Fact]
    public void Check_EverySectionWithItsOwnKeys_HasNoProblems()
    {
        var settings = Settings(
            ("Kafka:BootstrapServers", "k:9092"), ("Kafka:ClientProperties:socket.timeout.ms", "100"), ("Kafka:SessionTimeout", "00:00:10"),
            ("Engine:SegmentAttributes:0", "locale"), ("Engine:PositiveLabels:guard", "unsafe"), ("Engine:MaxModels", "5"),
            ("Alertmanager:Urls:0", "http://a:9093"), ("InfluxDb:MaxQueueSize", "10"), ("Reports:Enabled", "false"), ("Archive:RetentionDays", ""),
            ("Metrics:Prefix", "http://127.0.0.1:9464/"), ("Health:SilenceToken", "t"));

        Assert.Empty(StrictSettings.Check(settings));
    }

    [Theory]
    [InlineData("Engine:Windowsize2", "1", "Engine:Windowsize2: unknown setting")]
    [InlineData("Engine:MaxModels", "many", "Engine:MaxModels: expected an integer, got 'many'")]
    [InlineData("Engine:MaxModels:0", "5", "Engine:MaxModels: expected an integer, got an array")]
    [InlineData("Engine:LowConfidenceThreshold", "high", "Engine:LowConfidenceThreshold: expected a number, got 'high'")]
    [InlineData("Reports:Enabled", "yes", "Reports:Enabled: expected true or false, got 'yes'")]
    [InlineData("Alertmanager:Urls:first", "http://a", "Alertmanager:Urls: expected a list, got an object (key 'first')")]
    [InlineData("InfluxDb:ScheduledDelay", "1 second", "InfluxDb:ScheduledDelay: expected a duration")]
    [InlineData("Metrics:Prefx", "http://127.0.0.1:9464/", "Metrics:Prefx: unknown setting")]
    public void Check_Mistake_IsNamed(string key, string value, string expected)
    {
        var problem = Assert.Single(StrictSettings.Check(Settings((key, value))));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTopLevel_UnknownSectionButLogging_IsNamed()
    {
        var problems = StrictSettings.CheckTopLevel(Settings(("Logging:LogLevel:Default", "Debug"), ("Enigne:WindowSize", "00:05:00")));

        Assert.StartsWith("Enigne: unknown section", Assert.Single(problems), StringComparison.Ordinal);
    }
}
