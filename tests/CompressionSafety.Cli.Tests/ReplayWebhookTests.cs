using System.Net;
using System.Security.Cryptography;
using System.Text;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

public class ReplayWebhookTests
{
    [Fact]
    public async Task Replay_WithWebhook_PostsSignedIncidents()
    {
        using var dir = new TempDirectory();
        StreamFileWriter.Write(
            new GeneratorOptions
            {
                Records = 8000,
                Duration = TimeSpan.FromHours(2),
                Seed = 11,
                Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3")],
            },
            dir.File("in.jsonl"),
            null);
        using var listener = new HttpListener();
        var port = LocalHttp.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = LocalHttp.ReceiveOneAsync(listener, "X-CompressionSafety-Signature");
        Environment.SetEnvironmentVariable(CliEnvironment.WebhookSecret, "k3y");
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync(
                "replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"), "--rules", RepositoryRoot.Combine("alert-rules"), "--webhook", $"http://127.0.0.1:{port}/hook");

            Assert.True(exit == 0, error);
            Assert.Contains("webhook: ", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CliEnvironment.WebhookSecret, null);
        }

        var (body, signature) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        var firstIncident = File.ReadLines(dir.File("out/incidents.jsonl")).First();
        var id = System.Text.Json.JsonDocument.Parse(firstIncident).RootElement.GetProperty("id").GetString()!;
        Assert.Contains(id, body, StringComparison.Ordinal);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("k3y"u8.ToArray(), Encoding.UTF8.GetBytes(body))), signature);
    }

    [Fact]
    public async Task Replay_WebhookWithoutSecret_RefusedBeforeReading()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.jsonl"), "");

        var (exit, _, error) = await CliRunner.RunAsync("replay", "-i", dir.File("in.jsonl"), "-o", dir.File("out"), "--webhook", "http://127.0.0.1:1/");

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains(CliEnvironment.WebhookSecret, error, StringComparison.Ordinal);
    }
}
