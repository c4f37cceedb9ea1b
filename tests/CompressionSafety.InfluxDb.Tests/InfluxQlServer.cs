using System.Globalization;
using System.Text.Json;
using CompressionSafety.Testing;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>
/// Debian's InfluxDB 1.6.7 (<c>influxd</c>), a real InfluxQL engine: the language the dashboards speak, which InfluxDB
/// 2.x (through its v1 API and a DBRP mapping) and 3.x run as well. Own config and data folder, loopback only.
/// </summary>
public sealed class InfluxQlServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly LocalServer _server;

    private InfluxQlServer(LocalServer server) => _server = server;

    public string Url => _server.Url;

    public static async Task<InfluxQlServer> StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("INFLUXD_BIN") ?? "/usr/bin/influxd";
        var server = await LocalServer.StartAsync(binary, "influxdb", (port, dir) =>
        {
            var config = Path.Combine(dir, "influxdb.conf");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
                reporting-disabled = true
                bind-address = "127.0.0.1:{LocalHttp.FreePort()}"
                [meta]
                  dir = "{dir}/meta"
                [data]
                  dir = "{dir}/data"
                  wal-dir = "{dir}/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:{port}"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                [continuous_queries]
                  enabled = false
                [subscriber]
                  enabled = false
                """));
            return ["-config", config];
        }, "/ping");
        return new InfluxQlServer(server);
    }

    /// <summary>Runs InfluxQL statements that change state (CREATE DATABASE) with POST /query.</summary>
    public async Task ExecuteAsync(string statement)
    {
        using var content = new FormUrlEncodedContent([new("q", statement)]);
        using var response = await Http.PostAsync(new Uri(Url + "/query"), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && !body.Contains("\"error\"", StringComparison.Ordinal), statement + ": " + body);
    }

    /// <summary>Writes line protocol with nanosecond timestamps (POST /write).</summary>
    public async Task WriteAsync(string database, Stream lineProtocol)
    {
        using var content = new StreamContent(lineProtocol);
        using var response = await Http.PostAsync(new Uri(Url + "/write?precision=ns&db=" + Uri.EscapeDataString(database)), content);
        Assert.True(response.IsSuccessStatusCode, "write: " + await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs one read query (GET /query) and returns the first statement's result.</summary>
    public async Task<JsonElement> QueryAsync(string database, string query)
    {
        var uri = new Uri(Url + "/query?epoch=ms&db=" + Uri.EscapeDataString(database) + "&q=" + Uri.EscapeDataString(query));
        using var response = await Http.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, query + ": HTTP " + (int)response.StatusCode + " " + body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("results")[0].Clone();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
