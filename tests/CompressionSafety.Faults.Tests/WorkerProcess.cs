using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CompressionSafety.Testing;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// <c>compression-safety monitor --config FILE</c> as a real process (the built CLI run with <c>dotnet</c>), with its
/// health endpoint on a free loopback port.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process, string healthUrl)
    {
        _process = process;
        HealthUrl = healthUrl;
    }

    public string HealthUrl { get; }

    public ChildProcess Process => _process;

    /// <summary>Writes <paramref name="settings"/> (flat keys, <c>Kafka:GroupId</c>) as the JSON config file and starts the worker on it.</summary>
    public static WorkerProcess Start(IReadOnlyDictionary<string, string> settings, string configFile)
    {
        var port = LocalHttp.FreePort();
        var all = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["Health:Prefix"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"),
        };
        File.WriteAllText(configFile, Nest(all).ToJsonString());
        var process = ChildProcess.Start(BuiltTools.Dotnet, [BuiltTools.Cli, "monitor", "--config", configFile]);
        return new WorkerProcess(process, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
    }

    /// <summary>The status code of GET <paramref name="path"/> (<c>/health/ready</c>), 0 when nothing answers.</summary>
    public async Task<int> HealthAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(HealthUrl + path)).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Waits until GET <paramref name="path"/> answers <paramref name="status"/>; returns how long it took.</summary>
    public Task<TimeSpan> WaitForHealthAsync(string path, HttpStatusCode status, TimeSpan? timeout = null) =>
        Deadline.WaitUntilAsync(
            async () => _process.HasExited ? throw new InvalidOperationException($"worker exited ({_process.ExitCode}):\n{_process.Output()}") : await HealthAsync(path).ConfigureAwait(false) == (int)status,
            $"{path} to answer {(int)status}",
            timeout,
            () => _process.Output());

    public void Kill() => _process.Kill();

    public Task<TimeSpan> TerminateAsync(TimeSpan bound) => _process.TerminateAsync(bound);

    public void Dispose() => _process.Dispose();

    private static JsonObject Nest(IReadOnlyDictionary<string, string> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[part] = child;
                }

                node = child;
            }

            node[parts[^1]] = value;
        }

        return root;
    }
}
