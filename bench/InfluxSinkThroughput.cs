#:project ../src/CompressionSafety.InfluxDb/CompressionSafety.InfluxDb.csproj

// Points per second the InfluxDB sink delivers through the real InfluxDB.Client to a local VictoriaMetrics
// (its InfluxDB line-protocol endpoint). Run from the repository root:
//   dotnet run bench/InfluxSinkThroughput.cs -- [windows=20000] [metricsPerWindow=50] [batch=5000]
// Starts /usr/bin/victoria-metrics on a free loopback port with a temporary data folder and stops it afterwards.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CompressionSafety.Engine.Windows;
using CompressionSafety.InfluxDb;
using Microsoft.Extensions.Logging.Abstractions;

var windows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var metricsPerWindow = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;

int port;
using (var listener = new TcpListener(IPAddress.Loopback, 0))
{
    listener.Start();
    port = ((IPEndPoint)listener.LocalEndpoint).Port;
}

var url = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
var data = Directory.CreateTempSubdirectory("vm-bench-").FullName;
var info = new ProcessStartInfo("/usr/bin/victoria-metrics") { RedirectStandardOutput = true, RedirectStandardError = true };
info.ArgumentList.Add("-httpListenAddr=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
info.ArgumentList.Add("-storageDataPath=" + data);
info.ArgumentList.Add("-retentionPeriod=100y");
info.ArgumentList.Add("-loggerLevel=ERROR");
using var server = Process.Start(info)!;
server.BeginOutputReadLine();
server.BeginErrorReadLine();
using var http = new HttpClient();
try
{
    for (var attempt = 0; ; attempt++)
    {
        try
        {
            if ((await http.GetAsync(new Uri(url + "/health"))).IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException) when (attempt < 400)
        {
            await Task.Delay(25);
        }
    }

    var metricNames = Enumerable.Range(0, metricsPerWindow).Select(i => "category_rate.c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
    var results = new WindowResult[windows];
    var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    for (var w = 0; w < windows; w++)
    {
        var values = new Dictionary<string, double>(metricsPerWindow, StringComparer.Ordinal);
        for (var m = 0; m < metricsPerWindow; m++)
        {
            values[metricNames[m]] = (w * 31 + m) % 1000 / 1000.0;
        }

        var key = new WindowKey("model-" + (w % 10).ToString(CultureInfo.InvariantCulture), "int8", "all");
        var windowStart = start.AddMinutes(w / 10);
        results[w] = new WindowResult(key, WindowKind.Traffic, windowStart, windowStart.AddMinutes(1), 100, values, [], new Dictionary<string, Histogram>());
    }

    var options = new InfluxDbOptions
    {
        Url = url,
        Org = "bench",
        Bucket = "bench",
        Token = "bench",
        MaxQueueSize = windows * metricsPerWindow,
        MaxExportBatchSize = batch,
    };
    var sink = new InfluxDbMetricsSink(options, TimeProvider.System, NullLogger<InfluxDbMetricsSink>.Instance);
    var clock = Stopwatch.StartNew();
    foreach (var result in results)
    {
        sink.Write(result);
    }

    var written = clock.Elapsed;
    await sink.FlushAsync(CancellationToken.None);
    var flushed = clock.Elapsed;
    await sink.DisposeAsync();
    var metrics = await http.GetStringAsync(new Uri(url + "/metrics"));
    var inserted = metrics.Split('\n').First(l => l.StartsWith("vm_rows_inserted_total{type=\"influx\"}", StringComparison.Ordinal)).Split(' ')[1];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"points={sink.DeliveredPoints} dropped={sink.DroppedPoints} batch={batch} enqueue={written.TotalMilliseconds:F0} ms total={flushed.TotalMilliseconds:F0} ms " +
        $"=> {sink.DeliveredPoints / flushed.TotalSeconds:F0} points/s delivered; VictoriaMetrics counted {inserted} rows"));
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}
