using System.Diagnostics;
using System.Globalization;
using CompressionSafety.Contracts;

// Plain harness: parse a million records like the spec's example (distinct event ids) and report time and
// allocation. Run with `dotnet run -c Release --project bench/CompressionSafety.Contracts.Bench [count]`.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var records = new byte[1000][];
for (var i = 0; i < records.Length; i++)
{
    var record = new PredictionRecord(
        "e-" + i.ToString("D6", CultureInfo.InvariantCulture),
        new DateTimeOffset(2026, 11, 26, 16, 0, 0, 125, TimeSpan.Zero).AddSeconds(i),
        "toxicity-guard",
        i % 2 == 0 ? "int8-dynamic" : "baseline",
        new ModelOutput("safe", new Dictionary<string, double> { ["safe"] = 0.71, ["unsafe"] = 0.29 }))
    {
        Compression = new CompressionInfo("quantization", 8, null),
        Segment = new Dictionary<string, string> { ["locale"] = i % 3 == 0 ? "de" : "en", ["channel"] = "api" },
        Input = new InputSummary(212, new Dictionary<string, double> { ["f0"] = 0.31, ["f1"] = -1.2 }, null),
        Safety = new SafetySignals(false, false, []),
        LatencyMs = 7.4,
        Shadow = new ModelOutput("unsafe", new Dictionary<string, double> { ["safe"] = 0.38, ["unsafe"] = 0.62 }, "baseline"),
    };
    records[i] = RecordWriter.ToJsonBytes(record);
}

for (var i = 0; i < 100_000; i++)
{
    RecordParser.Parse(records[i % records.Length]);
}

var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var stopwatch = Stopwatch.StartNew();
var valid = 0;
for (var i = 0; i < count; i++)
{
    if (RecordParser.Parse(records[i % records.Length]).IsValid)
    {
        valid++;
    }
}

stopwatch.Stop();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{count} records of ~{records[0].Length} bytes: {stopwatch.ElapsedMilliseconds} ms wall, {cpu.TotalMilliseconds:F0} ms CPU, {allocated / count} bytes allocated per record, {valid} valid"));
