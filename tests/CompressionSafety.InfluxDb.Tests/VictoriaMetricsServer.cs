using CompressionSafety.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>
/// A real VictoriaMetrics process on a free loopback port with a temporary data folder. It accepts InfluxDB line
/// protocol on /api/v2/write, which is what the sink's real client writes. Retention is set to 100 years so fixed,
/// deterministic timestamps in the past are kept.
/// </summary>
internal sealed class VictoriaMetricsServer : IAsyncDisposable
{
    private const string DefaultBinary = "/usr/bin/victoria-metrics";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _binary;
    private readonly string _dataPath;
    private Process? _process;

    private VictoriaMetricsServer(string binary)
    {
        _binary = binary;
        _dataPath = Directory.CreateTempSubdirectory("vm-test-").FullName;
        Port = LocalHttp.FreePort();
    }

    public int Port { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>Starts a server, or skips the test (fails it when CI is set) when the binary is missing.</summary>
    public static async Task<VictoriaMetricsServer> StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("VICTORIA_METRICS_BIN") ?? DefaultBinary;
        if (!File.Exists(binary))
        {
            var message = $"VictoriaMetrics not found at {binary}: install it with 'apt-get install -y victoria-metrics' (or set VICTORIA_METRICS_BIN).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException(message + " CI is set, so this test must run.");
            }

            Skip.If(true, message);
        }

        var server = new VictoriaMetricsServer(binary);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port and data folder and waits for /health.</summary>
    public async Task RestartAsync()
    {
        var info = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-httpListenAddr=127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("-storageDataPath=" + _dataPath);
        info.ArgumentList.Add("-retentionPeriod=100y");
        info.ArgumentList.Add("-loggerLevel=ERROR");
        _process = Process.Start(info) ?? throw new InvalidOperationException("victoria-metrics did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAsync(IsHealthyAsync, TimeSpan.FromSeconds(20), "VictoriaMetrics /health");
    }

    /// <summary>Kills the process (an outage, not a graceful stop) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Series of <paramref name="name"/> after a forced flush, as /api/v1/export returns them.</summary>
    public async Task<IReadOnlyList<ExportedSeries>> ExportAsync(string name)
    {
        using (await Http.GetAsync(new Uri(Url + "/internal/force_flush"))) { }
        var uri = new Uri(Url + "/api/v1/export?match[]=" + Uri.EscapeDataString("{__name__=\"" + name + "\"}"));
        var body = await Http.GetStringAsync(uri);
        var series = new List<ExportedSeries>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var labels = root.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var values = root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var timestamps = root.GetProperty("timestamps").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            series.Add(new ExportedSeries(labels, values, timestamps));
        }

        return series;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} not reached within {timeout}.");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting process; the OS temp cleaner takes it.
        }
    }

    private async Task<bool> IsHealthyAsync()
    {
        if (_process is null || _process.HasExited)
        {
            throw new InvalidOperationException("victoria-metrics exited during start.");
        }

        try
        {
            using var response = await Http.GetAsync(new Uri(Url + "/health"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
