using CompressionSafety.Engine.Output;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CompressionSafety.InfluxDb.Tests;

public sealed class InfluxDbOptionsTests
{
    private const string Secret = "s3cr3t-token-value";

    [Fact]
    public void AddInfluxDbMetrics_NoUrl_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddInfluxDbMetrics(Configuration([]));

        Assert.Empty(services);
    }

    [Fact]
    public async Task AddInfluxDbMetrics_Configured_ResolvesTheSinkAsMetricsSink()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddInfluxDbMetrics(Configuration(new()
        {
            ["InfluxDb:Url"] = "http://127.0.0.1:1",
            ["InfluxDb:Org"] = "o",
            ["InfluxDb:Bucket"] = "b",
            ["InfluxDb:Token"] = Secret,
            ["InfluxDb:ScheduledDelay"] = "00:00:02",
        }));
        await using var provider = services.BuildServiceProvider();

        var sink = provider.GetRequiredService<IMetricsSink>();

        Assert.IsType<InfluxDbMetricsSink>(sink);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value.ScheduledDelay);
    }

    [Fact]
    public async Task Options_BatchLargerThanQueueAndBadUrl_FailWithEveryReason()
    {
        await using var provider = Provider(new()
        {
            ["InfluxDb:Url"] = "not a url",
            ["InfluxDb:Org"] = "o",
            ["InfluxDb:Bucket"] = "b",
            ["InfluxDb:Token"] = Secret,
            ["InfluxDb:MaxQueueSize"] = "10",
            ["InfluxDb:MaxExportBatchSize"] = "20",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("MaxExportBatchSize", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Url", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_NoTokenAnywhere_FailsNamingTheSources()
    {
        await using var provider = Provider(new()
        {
            ["InfluxDb:Url"] = "http://localhost:8086",
            ["InfluxDb:Org"] = "o",
            ["InfluxDb:Bucket"] = "b",
            ["InfluxDb:TokenEnvironmentVariable"] = "COMPRESSION_SAFETY_TEST_UNSET_" + Guid.NewGuid().ToString("N"),
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value);

        Assert.Contains("TokenFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_TokenFile_ReadsTrimmedToken()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Secret + "\n");

            var found = InfluxTokenSource.TryResolve(new InfluxDbOptions { TokenFile = path }, out var token, out _);

            Assert.True(found);
            Assert.Equal(Secret, token);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryResolve_EnvironmentVariable_UsedWhenNothingElseIsSet()
    {
        var name = "COMPRESSION_SAFETY_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, Secret);
        try
        {
            var found = InfluxTokenSource.TryResolve(new InfluxDbOptions { TokenEnvironmentVariable = name }, out var token, out _);

            Assert.True(found);
            Assert.Equal(Secret, token);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddInfluxDbMetrics(Configuration(values));
        return services.BuildServiceProvider();
    }
}
