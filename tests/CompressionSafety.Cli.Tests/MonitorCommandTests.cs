namespace CompressionSafety.Cli.Tests;

public class MonitorCommandTests
{
    [Fact]
    public async Task Monitor_MissingBootstrapServers_FailsAtStartNamingTheSetting()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("worker.json"), """{"Kafka": {"GroupId": "g"}, "Engine": {"WindowSize": "00:05:00"}}""");

        var (exit, _, error) = await CliRunner.RunAsync("monitor", "--config", dir.File("worker.json"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains("BootstrapServers", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_InvalidEngineSetting_FailsAtStart()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("worker.json"), """{"Kafka": {"BootstrapServers": "127.0.0.1:1"}, "Engine": {"Grace": "02:00:00", "LabelHorizon": "01:00:00"}}""");

        var (exit, _, error) = await CliRunner.RunAsync("monitor", "--config", dir.File("worker.json"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains("Engine", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_YamlConfig_IsRefusedWithPointer()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("worker.yaml"), "Kafka: {}\n");

        var (exit, _, error) = await CliRunner.RunAsync("monitor", "--config", dir.File("worker.yaml"));

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains("docs/worker.md", error, StringComparison.Ordinal);
    }
}
