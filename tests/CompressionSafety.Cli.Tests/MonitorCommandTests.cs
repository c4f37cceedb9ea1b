namespace CompressionSafety.Cli.Tests;

public class MonitorCommandTests
{
    [Fact]
    public void InvocationFor_Monitor_LeavesSigtermToTheHostsShutdownTimeout()
    {
        var parse = CliApp.CreateRootCommand().Parse(["monitor", "--config", "worker.json"]);

        // System.CommandLine's default would end the process 2 s after SIGTERM, before the drain and the final commit.
        Assert.Null(CliApp.InvocationFor(parse).ProcessTerminationTimeout);
    }

    [Fact]
    public void InvocationFor_OtherCommands_KeepSystemCommandLinesTermination()
    {
        var parse = CliApp.CreateRootCommand().Parse(["replay", "--input", "x.jsonl", "--output", "out"]);

        Assert.NotNull(CliApp.InvocationFor(parse).ProcessTerminationTimeout);
    }

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
