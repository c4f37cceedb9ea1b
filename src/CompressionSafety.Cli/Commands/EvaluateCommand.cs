using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Evaluation;
using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Cli.Commands;

/// <summary>
/// <c>compression-safety evaluate</c>: re-runs baseline and variants on a safety suite with ONNX Runtime, writes
/// <c>evaluation.json</c> and <c>snapshot.json</c>, prints a table. Exit 0, 1 on a usage or input error, 2 when
/// <c>--fail-on</c> is reached.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var registry = new Option<FileInfo>("--registry") { Description = "Model registry (registry.json).", Required = true };
        var suite = new Option<FileInfo>("--suite") { Description = "Safety test suite (JSON lines).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for evaluation.json and snapshot.json.", Required = true };
        var model = new Option<string?>("--model") { Description = "Model to evaluate (default: the registry's first)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per ONNX Runtime call.", DefaultValueFactory = _ => 256 };
        var threads = new Option<int>("--intra-op-threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with code 3 when any variant's gate is at least this: needs-validation or reject." };
        failOn.AcceptOnlyFromAmong("needs-validation", "reject");
        var compare = new Option<FileInfo?>("--compare")
        {
            Description = "Another run's evaluation.json (for example from another machine): lists per variant the cases predicted differently and gate decisions that differ; writes comparison.json.",
        };
        var command = new Command("evaluate", "Re-evaluate the baseline and compressed variants on a safety suite and gate each variant.")
        {
            registry, suite, output, model, batch, threads, failOn, compare,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            try
            {
                var options = new ReevaluationOptions
                {
                    BatchSize = ArgumentBounds.Get(parse, batch, 1, 65_536),
                    IntraOpNumThreads = ArgumentBounds.Get(parse, threads, 1, 1_024),
                    Model = parse.GetValue(model),
                    ToolVersion = ToolVersion.Current,
                };
                var result = Reevaluator.Run(RegistryStore.Read(parse.GetValue(registry)!.FullName), parse.GetValue(suite)!.FullName, options, TimeProvider.System);
                EvaluationOutput.Write(result, parse.GetValue(output)!.FullName);
                stdout.Write(ResultTable.Format(result));
                if (parse.GetValue(compare) is { } other)
                {
                    var comparison = HostComparison.Compare(result, other.FullName);
                    File.WriteAllBytes(
                        Path.Combine(parse.GetValue(output)!.FullName, HostComparison.FileName), JsonSerializer.SerializeToUtf8Bytes(comparison, EvaluationJson.Options));
                    stdout.Write(ComparisonText(comparison));
                }

                foreach (var error in result.SuiteErrors.Take(20))
                {
                    stdout.WriteLine($"suite line {error.Line}: {error.Reason}");
                }

                var worst = result.Variants.Select(v => v.Gate).DefaultIfEmpty(GateDecision.Pass).Max();
                var failed = GateDecisionText.TryParse(parse.GetValue(failOn), out var level) && worst >= level;
                return Task.FromResult(failed ? ExitCodes.GateFailed : ExitCodes.Success);
            }
            catch (EvaluationException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"evaluate: {ex.Message}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }
            catch (ConfigurationException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"evaluate: {ex.Message}");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }
        });
        return command;
    }

    private static string ComparisonText(HostComparison c)
    {
        static string Describe(IReadOnlyDictionary<string, string>? host) => host is null
            ? "host not recorded"
            : $"{host.GetValueOrDefault("cpu_model", "unknown")} [{host.GetValueOrDefault("isa_features", string.Empty)}], ONNX Runtime {host.GetValueOrDefault("onnx_runtime_version", "unknown")}";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"compare with {c.Other}: {c.CommonCases} common cases{(c.SameSuite ? string.Empty : " (the suites differ)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  this host:  {Describe(c.Host)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  other host: {Describe(c.OtherHost)}");
        foreach (var v in c.Variants)
        {
            var gate = v.GateDiffers ? $"gate {v.Gate} here, {v.OtherGate} there: GATE DIFFERS" : $"gate {v.Gate} on both";
            var first = string.Join(", ", v.Cases.Take(5).Select(d => $"{d.Id} {d.Predicted}/{d.OtherPredicted}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {v.Variant}: {v.DifferingCases} cases predicted differently{(first.Length > 0 ? $" ({first}{(v.DifferingCases > 5 ? ", ..." : string.Empty)})" : string.Empty)}; {gate}");
        }

        return text.ToString();
    }
}
