using System.CommandLine;
using System.Globalization;
using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Commands;

/// <summary><c>compression-safety generate</c>: writes a deterministic synthetic inference-log stream (see docs/generate.md).</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new GeneratorOptions();
        var output = new Option<string>("--out", "-o")
        {
            Description = "Output file (JSON lines; gzip when it ends in .gz), or - for stdout.",
            DefaultValueFactory = _ => "-",
        };
        var labelsOut = new Option<string?>("--labels-out") { Description = "Write delayed labels to this file instead of interleaving them." };
        var records = new Option<long>("--records", "-n") { Description = "Number of record slots.", DefaultValueFactory = _ => defaults.Records };
        var seed = new Option<int>("--seed") { Description = "Random seed: same options and seed give the same bytes.", DefaultValueFactory = _ => defaults.Seed };
        var start = new Option<string>("--start") { Description = "Stream start, RFC 3339.", DefaultValueFactory = _ => "2026-11-26T00:00:00Z" };
        var duration = new Option<string>("--duration") { Description = "Simulated period, for example 24h or 90m.", DefaultValueFactory = _ => "24h" };
        var models = new Option<string[]>("--model") { Description = "Model family (repeatable).", DefaultValueFactory = _ => ["toxicity-guard"] };
        var assistants = new Option<string[]>("--assistant-model") { Description = "LLM assistant model (repeatable): refusals, harmful requests, flagged answers (docs/generate.md)." };
        var promptFlaggedRate = Rate("--prompt-flagged-rate", "Fraction of assistant records that report safety.prompt_flagged.", defaults.PromptFlaggedRate);
        var sliceValues = new Option<int?>("--slice-values") { Description = "Values per segment attribute (locale, channel), 2..16 with Zipf shares; default 4 locales and 3 channels." };
        var baseline = new Option<string>("--baseline") { Description = "Name of the baseline variant.", DefaultValueFactory = _ => defaults.BaselineVariant };
        var variants = new Option<string[]>("--variant")
        {
            Description = "Compressed variant name[:method[:bits|sparsity]] (repeatable); default int8-dynamic:quantization:8, pruned-50:pruning:0.5, distilled-small:distillation.",
        };
        var baselineShare = Rate("--baseline-share", "Share of traffic served by the baseline.", defaults.BaselineShare);
        var shadowRate = Rate("--shadow-rate", "Probability that a compressed variant's record carries the baseline's shadow output.", defaults.ShadowRate);
        var inlineRate = Rate("--inline-label-rate", "Fraction of predictions with an inline label.", defaults.InlineLabelRate);
        var delayedRate = Rate("--delayed-label-rate", "Fraction of predictions with a delayed label record.", defaults.DelayedLabelRate);
        var invalidRate = Rate("--invalid-rate", "Fraction of invalid lines.", defaults.InvalidRate);
        var duplicateRate = Rate("--duplicate-rate", "Fraction of predictions repeated shortly after.", defaults.DuplicateRate);
        var lateRate = Rate("--late-rate", "Fraction of late records.", defaults.LateRate);
        var degrade = new Option<string[]>("--degrade")
        {
            Description = "Injected degradation (repeatable), for example variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.3.",
        };

        var command = new Command("generate", "Write a deterministic synthetic inference-log stream with optional injected degradations.");
        foreach (var option in new Option[]
        {
            output, labelsOut, records, seed, start, duration, models, assistants, promptFlaggedRate, sliceValues, baseline, variants, baselineShare, shadowRate,
            inlineRate, delayedRate, invalidRate, duplicateRate, lateRate, degrade,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            GeneratorOptions options;
            try
            {
                options = new GeneratorOptions
                {
                    Seed = parse.GetValue(seed),
                    Records = parse.GetValue(records),
                    Start = ParseStart(parse.GetValue(start)!),
                    Duration = ParseDuration(parse.GetValue(duration)!),
                    Models = parse.GetValue(models)!,
                    AssistantModels = parse.GetValue(assistants) ?? [],
                    PromptFlaggedRate = parse.GetValue(promptFlaggedRate),
                    SliceValues = parse.GetValue(sliceValues),
                    BaselineVariant = parse.GetValue(baseline)!,
                    Variants = parse.GetValue(variants) is { Length: > 0 } v ? [.. v.Select(VariantSpec.Parse)] : VariantSpec.Defaults,
                    BaselineShare = parse.GetValue(baselineShare),
                    ShadowRate = parse.GetValue(shadowRate),
                    InlineLabelRate = parse.GetValue(inlineRate),
                    DelayedLabelRate = parse.GetValue(delayedRate),
                    InvalidRate = parse.GetValue(invalidRate),
                    DuplicateRate = parse.GetValue(duplicateRate),
                    LateRate = parse.GetValue(lateRate),
                    Degradations = [.. (parse.GetValue(degrade) ?? []).Select(Degradation.Parse)],
                };
                options.Validate();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                error.WriteLine($"generate: {ex.Message}");
                return Task.FromResult(2);
            }

            var path = parse.GetValue(output)!;
            var labelsPath = parse.GetValue(labelsOut);
            var progress = Console.IsErrorRedirected ? null : new StderrProgress(error, options.Records);
            GenerationSummary summary;
            try
            {
                foreach (var file in new[] { path, labelsPath })
                {
                    // Like --out DIR elsewhere: a missing parent folder is created rather than failing the run.
                    if (file is not null && file != "-" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                    {
                        Directory.CreateDirectory(folder);
                    }
                }

                if (path == "-")
                {
                    using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
                    using var labels = labelsPath is null ? null : File.Create(labelsPath);
                    summary = StreamFileWriter.Write(options with { SeparateLabels = labels is not null }, stdout, labels, progress, cancellationToken);
                }
                else
                {
                    summary = StreamFileWriter.Write(options, path, labelsPath, progress, cancellationToken);
                    // Only a file can have a sidecar; the seed of a stream on stdout is the caller's to record.
                    Replay.GeneratorSidecar.Write(path, labelsPath, options, parse.GetValue(variants) ?? [], parse.GetValue(degrade) ?? []);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unwritable output is the user's to fix: one line, not a stack trace.
                error.WriteLine($"error: cannot write {path}: {ex.Message}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            progress?.Finish();

            // The summary goes to stderr when the data itself is on stdout, so pipes stay clean.
            var report = path == "-" ? error : parse.InvocationConfiguration.Output;
            var where = path == "-" ? "stdout" : path;
            report.WriteLine(labelsPath is null
                ? $"generated {summary} to {where}"
                : $"generated {summary} to {where} (labels to {labelsPath})");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Option<double> Rate(string name, string description, double defaultValue) =>
        new(name) { Description = $"{description} In [0, 1].", DefaultValueFactory = _ => defaultValue };

    private static DateTimeOffset ParseStart(string text) =>
        text.Contains('T', StringComparison.OrdinalIgnoreCase)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
        && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-'))
            ? start
            : throw new FormatException($"--start '{text}' is not an RFC 3339 time with offset.");

    private static TimeSpan ParseDuration(string text) =>
        DurationText.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new FormatException($"--duration '{text}' is not a positive duration such as 24h or 90m.");
}
