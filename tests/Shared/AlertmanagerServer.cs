using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CompressionSafety.Testing;

/// <summary>
/// Debian's Alertmanager 0.25 (<c>prometheus-alertmanager</c>) on a free loopback port with its own config and storage
/// folder, clustering off. The route groups by alertname, model and variant, as deploy/alertmanager does.
/// </summary>
internal sealed class AlertmanagerServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly LocalServer _server;

    private AlertmanagerServer(LocalServer server) => _server = server;

    public Uri Url => new(_server.Url + "/");

    public static async Task<AlertmanagerServer> StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("ALERTMANAGER_BIN") ?? "/usr/bin/prometheus-alertmanager";
        var server = await LocalServer.StartAsync(binary, "prometheus-alertmanager", (port, dir) =>
        {
            var config = Path.Combine(dir, "alertmanager.yml");
            File.WriteAllText(config, """
                route:
                  receiver: "null"
                  group_by: [alertname, model, variant]
                  group_wait: 1s
                  group_interval: 1s
                receivers:
                  - name: "null"
                """);
            return
            [
                "--config.file=" + config,
                "--storage.path=" + Path.Combine(dir, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--cluster.listen-address=",
                "--log.level=warn",
            ];
        }, "/-/ready");
        return new AlertmanagerServer(server);
    }

    /// <summary>GET /api/v2/alerts: the alerts Alertmanager holds that have not ended.</summary>
    public async Task<List<JsonElement>> AlertsAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url, "api/v2/alerts")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>GET /api/v2/alerts/groups.</summary>
    public async Task<List<JsonElement>> GroupsAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url, "api/v2/alerts/groups")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Creates a silence of <c>alertname=<paramref name="alertname"/></c> for an hour, as an operator would; returns its id.</summary>
    public async Task<string> SilenceAsync(string alertname)
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await Http.PostAsJsonAsync(new Uri(Url, "api/v2/silences"), new Dictionary<string, object>
        {
            ["matchers"] = new[] { new Dictionary<string, object> { ["name"] = "alertname", ["value"] = alertname, ["isRegex"] = false, ["isEqual"] = true } },
            ["startsAt"] = now.AddMinutes(-1),
            ["endsAt"] = now.AddHours(1),
            ["createdBy"] = "on-call",
            ["comment"] = "known, being fixed",
        });
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("silenceID").GetString()!;
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="condition"/> holds (deadline 30 s) and returns the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var value = await read();
        await LocalServer.WaitUntilAsync(async () => condition(value = await read()), TimeSpan.FromSeconds(30), what);
        return value;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
