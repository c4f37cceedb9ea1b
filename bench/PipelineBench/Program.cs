using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;
using CompressionSafety.PipelineBench;
using CompressionSafety.Simulation;
using Microsoft.Diagnostics.Tracing.Etlx;

// The stages of replay in isolation, on the stream bench/replay/run.sh replays (one simulated day, an unsafe-miss
// degradation), so per-record figures of the parts add up to the whole:
//   dotnet run -c Release --project bench/PipelineBench                  BenchmarkDotNet: ns and bytes allocated per record
//   dotnet run -c Release --project bench/PipelineBench -- --quick [N]   Stopwatch, seconds not minutes: parse, engine, output
//   dotnet run -c Release --project bench/PipelineBench -- --profile TRACE.nettrace [TOP]
//       the methods that most samples of an EventPipe sample-profiler trace are in (bench/profile.sh records one of replay)
//   dotnet run -c Release --project bench/PipelineBench -- --profile TRACE.nettrace TOP FRAME
//       the same, counting only samples whose stack has a method containing FRAME (IngestionLoop.Run: the worker's thread)
// N (default 200,000) is the number of lines: the first N lines of a stream of N record slots (label records
// interleaved, so about 3/4 of a day). Every figure is per line, so the stages add up.
if (args.Length > 0 && args[0] == "--quick")
{
    var records = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : StageData.DefaultRecords;
    Quick.Run(records);
    return;
}

if (args.Length > 1 && args[0] == "--profile")
{
    Profile.Print(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40, args.Length > 3 ? args[3] : "CompressionSafety");
    return;
}

// In process: BenchmarkDotNet's usual separate build of a boilerplate project times out on a busy two-core machine.
BenchmarkSwitcher.FromAssembly(typeof(StageData).Assembly).Run(args, DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)));

namespace CompressionSafety.PipelineBench
{
    /// <summary>The generated stream, its parsed records and the engine's window results, made once per process.</summary>
    public static class StageData
    {
        public const long DefaultRecords = 200_000;

        // BenchmarkDotNet's OperationsPerInvoke is a constant, so its runs always use DefaultRecords lines.
        private static readonly Lazy<(byte[][] Lines, InferenceRecord[] Records, WindowResult[] Results)> Data = new(() => Make(DefaultRecords));

        public static byte[][] Lines => Data.Value.Lines;

        public static InferenceRecord[] ParsedRecords => Data.Value.Records;

        public static WindowResult[] Results => Data.Value.Results;

        public static (byte[][] Lines, InferenceRecord[] Records, WindowResult[] Results) Make(long records)
        {
            var lines = StreamGenerator.Generate(new GeneratorOptions
            {
                Records = records,
                Degradations = [Degradation.Parse("variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.3")],
            }).Take(checked((int)records)).Select(l => l.Utf8.ToArray()).ToArray();
            var parsed = lines.Select(l => RecordParser.Parse(l).Record).OfType<InferenceRecord>().ToArray();
            var results = new List<WindowResult>();
            RunEngine(parsed, results);
            return (lines, parsed, results.ToArray());
        }

        /// <summary>What replay does with the engine per record, without I/O: process, take the closed windows, flush at the end.</summary>
        public static long RunEngine(InferenceRecord[] records, List<WindowResult>? results)
        {
            var engine = new WindowEngine(new EngineOptions());
            long windows = 0;
            foreach (var record in records)
            {
                engine.Process(record);
                var closed = engine.TakeResults();
                windows += closed.Count;
                results?.AddRange(closed);
            }

            engine.Flush();
            var last = engine.TakeResults();
            results?.AddRange(last);
            return windows + last.Count;
        }

        public static int Parse(byte[][] lines)
        {
            var valid = 0;
            foreach (var line in lines)
            {
                valid += RecordParser.Parse(line).IsValid ? 1 : 0;
            }

            return valid;
        }

        /// <summary>Formats every window result as windows.jsonl and metrics.lp do, into memory.</summary>
        public static long Format(WindowResult[] results)
        {
            var builder = new StringBuilder();
            using var json = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(json))
            {
                foreach (var result in results)
                {
                    WindowResultJson.Write(writer, result);
                    writer.Flush();
                    json.WriteByte((byte)'\n');
                    writer.Reset(json);
                    LineProtocol.Append(builder, result);
                    if (builder.Length > 1 << 20)
                    {
                        builder.Clear();
                    }
                }
            }

            return json.Length + builder.Length;
        }
    }

    /// <summary>Each stage alone over the same lines; OperationsPerInvoke makes every figure per line of the stream.</summary>
    [MemoryDiagnoser]
    public class Stages
    {
        [GlobalSetup]
        public void Setup() => _ = StageData.Results;

        [Benchmark(OperationsPerInvoke = (int)StageData.DefaultRecords)]
        public int ParsePerRecord() => StageData.Parse(StageData.Lines);

        [Benchmark(OperationsPerInvoke = (int)StageData.DefaultRecords)]
        public long EnginePerRecord() => StageData.RunEngine(StageData.ParsedRecords, null);

        [Benchmark(OperationsPerInvoke = (int)StageData.DefaultRecords)]
        public long OutputPerRecord() => StageData.Format(StageData.Results);
    }

    /// <summary>Stopwatch figures of each stage, CPU time beside wall time because the machine is shared.</summary>
    internal static class Quick
    {
        public static void Run(long records)
        {
            var (lines, parsed, results) = StageData.Make(records);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lines.Length} lines, {parsed.Length} valid records, {results.Length} window results; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
            for (var round = 0; round < 3; round++)
            {
                Measure("parse", lines.Length, () => StageData.Parse(lines));
                Measure("engine", lines.Length, () => StageData.RunEngine(parsed, null));
                Measure("output", lines.Length, () => StageData.Format(results));
            }
        }

        private static void Measure(string stage, int perRecord, Func<long> action)
        {
            GC.Collect();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{stage,-7} {clock.Elapsed.TotalNanoseconds / perRecord,8:F0} ns/line wall {cpu.TotalNanoseconds / perRecord,8:F0} ns/line CPU {allocated / perRecord,7} B/line ({perRecord / clock.Elapsed.TotalSeconds,9:F0} lines/s)"));
        }
    }

    /// <summary>Reads an EventPipe trace of the sample profiler: per method, the share of samples it is on the stack of (inclusive) and on top of (exclusive).</summary>
    internal static class Profile
    {
        public static void Print(string path, int top, string frameFilter)
        {
            var etlx = TraceLog.CreateFromEventPipeDataFile(path);
            using var log = new TraceLog(etlx);
            var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
            var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
            var samples = 0;
            var names = new HashSet<string>(StringComparer.Ordinal);
            var collections = new int[3];
            double pauseMs = 0, suspendedAt = double.NaN, first = double.NaN, last = 0;
            foreach (var e in log.Events)
            {
                first = double.IsNaN(first) ? e.TimeStampRelativeMSec : first;
                last = e.TimeStampRelativeMSec;
                switch (e.EventName)
                {
                    case "GC/Start" when Convert.ToInt32(e.PayloadByName("Depth"), CultureInfo.InvariantCulture) is var depth and >= 0 and < 3:
                        collections[depth]++;
                        break;

                    // Reason 1 (for a GC) and 6 (preparing one); the sample profiler suspends the runtime too, for itself.
                    case "GC/SuspendEEStart" when Convert.ToInt32(e.PayloadByName("Reason"), CultureInfo.InvariantCulture) is 1 or 6:
                        suspendedAt = e.TimeStampRelativeMSec;
                        break;
                    case "GC/RestartEEStop" when !double.IsNaN(suspendedAt):
                        pauseMs += e.TimeStampRelativeMSec - suspendedAt;
                        suspendedAt = double.NaN;
                        break;
                }

                if (e.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || e.CallStack() is not { } stack)
                {
                    continue;
                }

                names.Clear();
                var busy = false;
                for (var frame = stack; frame is not null; frame = frame.Caller)
                {
                    var name = frame.CodeAddress.FullMethodName;
                    name = string.IsNullOrEmpty(name) ? "?" + frame.CodeAddress.ModuleName : name;
                    busy |= name.Contains(frameFilter, StringComparison.Ordinal);
                    names.Add(name);
                }

                // Only samples of threads doing the run's work (by default any of ours): idle and waiting threads are sampled too.
                if (!busy)
                {
                    continue;
                }

                samples++;
                foreach (var name in names)
                {
                    inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
                }

                var leaf = stack.CodeAddress.FullMethodName is { Length: > 0 } method ? method : "?" + stack.CodeAddress.ModuleName;
                exclusive[leaf] = exclusive.GetValueOrDefault(leaf) + 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{samples} samples with {frameFilter} on the stack; garbage collections gen0 {collections[0]}, gen1 {collections[1]}, gen2 {collections[2]}, runtime suspended {pauseMs:F0} ms of {last - first:F0} ms traced"));
            Console.WriteLine("(the profiler stops threads at GC polls, so PollGC on top of a stack stands for the frame below it)");
            Console.WriteLine("inclusive %  method");
            foreach (var (name, count) in inclusive.OrderByDescending(p => p.Value).Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / samples,10:F1}  {Shorten(name)}"));
            }

            Console.WriteLine("exclusive %  method");
            foreach (var (name, count) in exclusive.OrderByDescending(p => p.Value).Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / samples,10:F1}  {Shorten(name)}"));
            }
        }

        private static string Shorten(string name) => name.Length <= 160 ? name : name[..160];
    }
}
