using System.Net;
using System.Net.Sockets;
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
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = Receive(listener);
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

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static async Task<(string Body, string? Signature)> Receive(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var signature = context.Request.Headers["X-CompressionSafety-Signature"];
        context.Response.StatusCode = 200;
        context.Response.Close();
        return (body, signature);
    }
}
