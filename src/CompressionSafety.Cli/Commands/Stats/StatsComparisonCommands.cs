using System.CommandLine;
using System.Text;
using System.Text.Json;
using CompressionSafety.Statistics;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>The comparison verbs of <c>compression-safety stats</c>: <c>paired</c>, <c>proportions</c>, <c>detect</c>.</summary>
internal static class StatsComparisonCommands
{
    private static readonly string[] Methods = ["page-hinkley", "cusum", "ewma", "adwin"];

    public static IEnumerable<Command> Create() => [Paired(), ProportionsVerb(), Detect()];

    private static Command Paired()
    {
        var input = new Option<string>("--input")
        {
            Description = $"CSV with the header '{StatsInputReader.PairedHeader}' and one 0/1 pair per event.",
            Required = true,
        };
        var command = new Command("paired", "McNemar's test on paired correctness of baseline and variant.") { input };
        command.SetAction(parse => Run(parse, json =>
        {
            var rows = StatsInputReader.ReadPaired(new FileInfo(parse.GetValue(input)!));
            var b = rows.LongCount(r => r.Baseline && !r.Variant);
            var c = rows.LongCount(r => !r.Baseline && r.Variant);
            var result = McNemar.Test(b, c);
            json.WriteNumber("n", rows.Count);
            json.WriteNumber("b", b);
            json.WriteNumber("c", c);
            json.WriteStartObject("mcnemar");
            json.WriteNumber("p_value_exact", result.PValueExact);
            json.WriteNumber("statistic_chi2", result.StatisticChi2);
            json.WriteNumber("p_value_chi2", result.PValueChi2);
            json.WriteEndObject();
        }));
        return command;
    }

    private static Command ProportionsVerb()
    {
        var a = new Option<string>("--a") { Description = "First rate as X/N (successes/trials).", Required = true };
        var b = new Option<string>("--b") { Description = "Second rate as Y/M (successes/trials).", Required = true };
        var command = new Command(
            "proportions",
            "Wilson intervals, pooled two-proportion z-test and Newcombe interval for rate(a) - rate(b).") { a, b };
        command.SetAction(parse => Run(parse, json =>
        {
            var (x1, n1) = StatsInputReader.ParseCounts("--a", parse.GetValue(a)!);
            var (x2, n2) = StatsInputReader.ParseCounts("--b", parse.GetValue(b)!);
            WriteRate(json, "a", x1, n1);
            WriteRate(json, "b", x2, n2);
            var test = Proportions.TwoProportionZTest(x1, n1, x2, n2);
            var newcombe = Proportions.NewcombeDifference(x1, n1, x2, n2);
            json.WriteNumber("difference", test.Difference);
            json.WriteNumber("z", test.Z);
            json.WriteNumber("p_value", test.PValue);
            json.WriteNumber("newcombe_low", newcombe.Low);
            json.WriteNumber("newcombe_high", newcombe.High);
        }));
        return command;
    }

    private static Command Detect()
    {
        var method = new Option<string>("--method")
        {
            Description = "Detector, with river's defaults: page-hinkley, cusum, ewma or adwin.",
            Required = true,
        };
        method.AcceptOnlyFromAmong(Methods);
        var input = new Option<string>("--input") { Description = "One value per line.", Required = true };
        var command = new Command("detect", "Run a change detector over a series and list where it signals.") { method, input };
        command.SetAction(parse => Run(parse, json =>
        {
            var name = parse.GetValue(method)!;
            var values = StatsInputReader.ReadValues(new FileInfo(parse.GetValue(input)!));
            var (detector, parameters) = CreateDetector(name);
            var detections = ChangeDetection.Detect(detector, values);
            json.WriteString("method", name);
            json.WriteStartObject("parameters");
            foreach (var (key, value) in parameters)
            {
                json.WriteNumber(key, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("detections");
            foreach (var index in detections)
            {
                json.WriteNumberValue(index);
            }

            json.WriteEndArray();
        }));
        return command;
    }

    private static (IChangeDetector Detector, (string Key, double Value)[] Parameters) CreateDetector(string name)
    {
        switch (name)
        {
            case "page-hinkley":
                var ph = new PageHinkley();
                return (ph, [("min_instances", ph.MinInstances), ("delta", ph.Delta), ("threshold", ph.Threshold), ("alpha", ph.Alpha)]);
            case "cusum":
                var cusum = new Cusum();
                return (cusum, [("min_instances", cusum.MinInstances), ("slack", cusum.Slack), ("threshold", cusum.Threshold)]);
            case "ewma":
                var ewma = new EwmaChart();
                return (ewma, [("alpha", ewma.Alpha), ("threshold", ewma.Threshold), ("min_instances", ewma.MinInstances)]);
            default:
                var adwin = new Adwin();
                return (adwin,
                [
                    ("delta", adwin.Delta), ("clock", adwin.Clock), ("max_buckets", adwin.MaxBuckets),
                    ("min_window_length", adwin.MinWindowLength), ("grace_period", adwin.GracePeriod),
                ]);
        }
    }

    private static void WriteRate(Utf8JsonWriter json, string name, long successes, long trials)
    {
        var wilson = Proportions.Wilson(successes, trials);
        json.WriteStartObject(name);
        json.WriteNumber("rate", (double)successes / trials);
        json.WriteNumber("wilson_low", wilson.Low);
        json.WriteNumber("wilson_high", wilson.High);
        json.WriteEndObject();
    }

    /// <summary>Writes one JSON object on success; bad input becomes one line on stderr and exit code 1.</summary>
    private static int Run(ParseResult parse, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        try
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                body(json);
                json.WriteEndObject();
            }
        }
        catch (StatsInputException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable files are bad input too: the user gets one line, not a stack trace.
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        parse.InvocationConfiguration.Output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
    }
}
