namespace CompressionSafety.Cli.Tests;

/// <summary><c>monitor --config</c> binds strictly (issue 16): each mistake fails at start naming the setting, exit 2, no stack trace.</summary>
public sealed class MonitorStrictSettingsTests
{
    private static async Task<string> FailsAsync(string json)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("worker.json"), json);

        var (exit, output, error) = await CliRunner.RunAsync("monitor", "--config", dir.File("worker.json"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task Monitor_SeveralMistakes_NamesEveryOne()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"WindowSize": "five minutes", "MaxFeatures": [5]}, "Enigne": {}}""");

        Assert.Contains("Enigne: unknown section", error, StringComparison.Ordinal);
        Assert.Contains("Engine:WindowSize: expected a duration", error, StringComparison.Ordinal);
        Assert.Contains("Engine:MaxFeatures: expected an integer, got an array", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_UnknownKeyInASection_NamesIt()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1", "BootstrapServer": "x"}}""");

        Assert.Contains("Kafka:BootstrapServer: unknown setting", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_UnknownEngineKey_NamesIt()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"WindowSizes": "00:05:00"}}""");

        Assert.Contains("Engine:WindowSizes: unknown setting", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_UnknownTopLevelSection_NamesIt()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Enigne": {"WindowSize": "00:05:00"}}""");

        Assert.Contains("Enigne: unknown section", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_ArrayWhereANumberBelongs_NamesIt()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"MaxFeatures": [5, 6]}}""");

        Assert.Contains("Engine:MaxFeatures: expected an integer, got an array", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_FiveMinutesForATimeSpan_NamesIt()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"WindowSize": "five minutes"}}""");

        Assert.Contains("Engine:WindowSize: expected a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_NegativeWindow_NamesTheSetting()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"WindowSize": "-00:05:00"}}""");

        Assert.Contains("Engine:WindowSize:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_NumberForAList_NamesIt()
    {
        var error = await FailsAsync("""{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"AnomalyDetectors": "cusum"}}""");

        Assert.Contains("Engine:AnomalyDetectors: expected a list or map, got 'cusum'", error, StringComparison.Ordinal);
    }
}
