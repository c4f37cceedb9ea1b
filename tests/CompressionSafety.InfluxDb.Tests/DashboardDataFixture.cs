using System.Text.Json;
using CompressionSafety.Cli;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>
/// A replay of a generated stream (two hours, labels, one flagged-rate degradation on int8-dynamic from 1 h) with the
/// default rules, its <c>metrics.lp</c> written into a real InfluxQL engine: what the dashboards read in production.
/// </summary>
public sealed class DashboardDataFixture : IAsyncLifetime
{
    /// <summary>The database (InfluxDB 2.x: the DBRP mapping of the bucket) the dashboards' datasource names.</summary>
    public const string Database = "compression-safety";

    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-data-").FullName;
    private InfluxQlServer? _server;

    public InfluxQlServer Server => _server ?? throw new InvalidOperationException("fixture not initialised");

    /// <summary>First and last event time of the replay: the dashboards' time range in the test.</summary>
    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    /// <summary>The replay's window size, used as <c>$__interval</c>.</summary>
    public TimeSpan Interval { get; } = TimeSpan.FromMinutes(5);

    public async Task InitializeAsync()
    {
        var input = Path.Combine(_directory, "in.jsonl");
        var output = Path.Combine(_directory, "out");
        StreamFileWriter.Write(new GeneratorOptions
        {
            Seed = 5,
            Records = 40_000,
            Duration = TimeSpan.FromHours(2),
            DelayedLabelRate = 0.9,
            Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,size=0.3,start=1h")],
        }, input, null);
        using (var stdout = new StringWriter())
        using (var stderr = new StringWriter())
        {
            var exit = await CliApp.InvokeAsync(
                ["replay", "-i", input, "-o", output, "--rules", RepositoryRoot.Combine("alert-rules")],
                new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
            Assert.True(exit == 0, stderr.ToString());
        }

        using (var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json"))))
        {
            From = summary.RootElement.GetProperty("first_event").GetDateTimeOffset();
            To = summary.RootElement.GetProperty("last_event").GetDateTimeOffset();
        }

        _server = await InfluxQlServer.StartAsync();
        await _server.ExecuteAsync($"CREATE DATABASE \"{Database}\"");
        await using var lines = File.OpenRead(Path.Combine(output, "metrics.lp"));
        await _server.WriteAsync(Database, lines);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
