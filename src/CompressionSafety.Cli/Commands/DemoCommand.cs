using System.CommandLine;
using System.Globalization;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Cli.Demo;
using CompressionSafety.Cli.Replay;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Reports;
using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Commands;

/// <summary>
/// <c>compression-safety demo</c>: generates a day of traffic with one injected safety regression, replays it through
/// the engine on files (the embedded default: no Kafka, no InfluxDB), and prints where compression hurt most.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The regression the Kafka demo injects: int8 lets more flagged outputs through from 01:00.</summary>
    public const string KafkaDegradation = "variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3";

    /// <summary>The regression the file demo injects: int8 misses more unsafe inputs on German traffic from 02:00.</summary>
    public const string InjectedDegradation = "variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=2h,size=0.4";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Output folder (created if needed).",
            DefaultValueFactory = _ => new DirectoryInfo("demo-output"),
        };
        var records = new Option<long>("--records", "-n")
        {
            Description = "Records to generate (default: 40,000 over two simulated hours on Kafka; 400,000 over four hours with --no-kafka).",
        };
        var seed = new Option<int>("--seed") { Description = "Random seed of the generated traffic.", DefaultValueFactory = _ => 42 };
        var noKafka = new Option<bool>("--no-kafka")
        {
            Description = "Skip the in-process Kafka broker: generate a file and replay it (the embedded default), at higher volume.",
        };
        var speed = new Option<double>("--speed")
        {
            Description = "Kafka mode: simulated seconds per wall-clock second (default 120: two simulated hours in about a minute).",
            DefaultValueFactory = _ => 120,
        };
        var rules = new Option<DirectoryInfo?>("--rules")
        {
            Description = "Alert rules to run (docs/rules.md); default alert-rules/ in the current folder, else the default rules installed beside the tool.",
        };
        var command = new Command(
            "demo",
            "Run the whole monitor with no setup: an in-process Kafka broker (librdkafka's mock cluster, for demonstration only), " +
            "a producer streaming generated traffic for a safety classifier and three compressed variants in accelerated real time " +
            "(int8-dynamic lets more flagged outputs through from 01:00), the worker with the alert rules, and live windows and incidents. " +
            "With --no-kafka: generate a file (int8-dynamic degraded on locale=de from 02:00) and replay it. Writes the same files as replay.")
        {
            output, records, seed, noKafka, speed, rules,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var dir = parse.GetValue(output)!;
            var kafka = !parse.GetValue(noKafka);
            var count = parse.GetResult(records) is null ? (kafka ? 40_000 : 400_000) : parse.GetValue(records);
            if (count <= 0 || !(parse.GetValue(speed) > 0))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: --records and --speed must be positive").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            var rulesDir = parse.GetValue(rules) ?? DefaultRules.Locate(Environment.CurrentDirectory);
            RuleSet? ruleSet = null;
            if (rulesDir is not null)
            {
                try
                {
                    ruleSet = RuleLoader.LoadDirectory(rulesDir.FullName);
                }
                catch (RuleSetException ex)
                {
                    foreach (var error in ex.Errors)
                    {
                        await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + error).ConfigureAwait(false);
                    }

                    return ExitCodes.InvalidConfiguration;
                }
            }

            dir.Create();
            if (kafka)
            {
                return await RunOnKafkaAsync(parse, dir, count, parse.GetValue(seed), parse.GetValue(speed), rulesDir, cancellationToken).ConfigureAwait(false);
            }

            var input = Path.Combine(dir.FullName, "input.jsonl");
            var options = new GeneratorOptions
            {
                Records = count,
                Duration = TimeSpan.FromHours(4),
                // Most predictions get a delayed label, as after a labelling campaign, so per-slice rates are judged within minutes.
                DelayedLabelRate = 0.9,
                Seed = parse.GetValue(seed),
                Degradations = [Degradation.Parse(InjectedDegradation)],
            };
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"1/2 generating {count:N0} records of four simulated hours into {input}")).ConfigureAwait(false);
            await stdout.WriteLineAsync($"    injected: {InjectedDegradation}").ConfigureAwait(false);
            StreamFileWriter.Write(options, input, labelsPath: null, cancellationToken: cancellationToken);
            GeneratorSidecar.Write(input, null, options, [], [InjectedDegradation]);

            await stdout.WriteLineAsync(ruleSet is null
                ? "2/2 replaying it through the monitor (5-minute windows, 1-minute grace; no alert rules found)"
                : $"2/2 replaying it through the monitor (5-minute windows, 1-minute grace) with {ruleSet.Rules.Count} alert rules from {rulesDir!.FullName}").ConfigureAwait(false);
            var digest = new RegressionDigest("baseline");
            var runner = new ReplayRunner(ReplaySettings.Default(), TimeProvider.System) {
                OnWindow = digest.Add,
                Rules = ruleSet,
                RulesSha256 = ruleSet is null ? null : Engine.Reproducibility.RuleSetHash.OfDirectory(rulesDir!.FullName),
            };
            var result = await runner.RunAsync(input, null, dir.FullName, cancellationToken).ConfigureAwait(false);

            await stdout.WriteLineAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.RecordsRead:N0} records, {result.Counters.Accepted:N0} counted, {result.DeadLettered:N0} dead-lettered " +
                $"(invalid or late), {result.Counters.Duplicates:N0} duplicates, {result.Windows:N0} window results for {result.Keys} keys")).ConfigureAwait(false);
            if (ruleSet is not null)
            {
                await stdout.WriteLineAsync().ConfigureAwait(false);
                // An incident is announced again when a critical one mutes it or stops muting it: list each once.
                var fired = runner.Incidents.Where(i => i.Status == IncidentStatus.Firing).DistinctBy(i => i.Id).ToList();
                await stdout.WriteLineAsync($"Incidents ({fired.Count} fired; incidents.jsonl has every state change):").ConfigureAwait(false);
                foreach (var incident in fired)
                {
                    await stdout.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {incident.Rule.Severity.ToString().ToLowerInvariant(),-8} {incident.Rule.Id} on {incident.Key.Variant}/{incident.Key.Slice} from window {incident.WindowStart.UtcDateTime:HH:mm} (gate: {incident.Rule.Gate ?? "none"})")).ConfigureAwait(false);
                }
            }

            await stdout.WriteLineAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync("Where compression hurt most: unsafe-miss rate over the run, variant vs baseline in the same slice").ConfigureAwait(false);
            await stdout.WriteLineAsync("(difference with its 95% Newcombe interval; sorted by the interval's lower bound)").ConfigureAwait(false);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {"variant",-16} {"slice",-16} {"variant",16} {"baseline",16} {"difference [95% CI]",26}")).ConfigureAwait(false);
            foreach (var row in digest.Rank(6))
            {
                await stdout.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {row.Variant,-16} {row.Slice,-16} {row.VariantRate,7:P1} (n={row.VariantPositives,4}) {row.BaselineRate,7:P1} (n={row.BaselinePositives,4}) " +
                    $"{row.VariantRate - row.BaselineRate,+7:+0.0%;-0.0%} [{row.Difference.Low:+0.0%;-0.0%}, {row.Difference.High:+0.0%;-0.0%}]")).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync($"results: {dir.FullName}").ConfigureAwait(false);
            await stdout.WriteLineAsync("  windows.jsonl      per-window statistics per model/variant/slice (docs/outputs.md)").ConfigureAwait(false);
            await stdout.WriteLineAsync("  metrics.lp         the same numbers as InfluxDB line protocol").ConfigureAwait(false);
            await stdout.WriteLineAsync("  dead-letter.jsonl  every rejected record with its line and reason").ConfigureAwait(false);
            await stdout.WriteLineAsync("  summary.json       counts of everything read").ConfigureAwait(false);
            if (ruleSet is not null)
            {
                await stdout.WriteLineAsync("  incidents.jsonl    incident state changes with their evidence (docs/rules.md)").ConfigureAwait(false);
                await stdout.WriteLineAsync("  review.jsonl       events of firing keys routed to human review").ConfigureAwait(false);
            }

            await WriteReportAsync(stdout, dir).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> RunOnKafkaAsync(ParseResult parse, DirectoryInfo dir, long count, int seed, double speed, DirectoryInfo? rulesDir, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var options = new GeneratorOptions
        {
            Records = count,
            Duration = TimeSpan.FromHours(2),
            Seed = seed,
            Degradations = [Degradation.Parse(KafkaDegradation)],
        };
        await stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"streaming {count:N0} records of two simulated hours through Kafka at x{speed} (about {options.Duration.TotalSeconds / speed:F0} s), plus the delayed labels and duplicates the generator adds")).ConfigureAwait(false);
        await stdout.WriteLineAsync($"    injected: {KafkaDegradation}").ConfigureAwait(false);
        await stdout.WriteLineAsync(rulesDir is null ? "    no alert rules found: windows only" : $"    alert rules: {rulesDir.FullName}").ConfigureAwait(false);
        var result = await new KafkaDemo(stdout, TimeProvider.System)
            .RunAsync(options, speed, dir.FullName, rulesDir?.FullName, cancellationToken)
            .ConfigureAwait(false);
        await stdout.WriteLineAsync().ConfigureAwait(false);
        var sent = result.Sent;
        await stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Produced:N0} records produced (the {count:N0} requested slots: {sent.Predictions:N0} predictions, {sent.Late:N0} late, {sent.Invalid:N0} invalid; " +
            $"plus {sent.Labels:N0} delayed labels and {sent.Duplicates:N0} duplicates), {result.Consumed:N0} consumed and processed " +
            $"({result.Consumed / Math.Max(result.Elapsed.TotalSeconds, 1e-3):N0}/s over the run{(result.ThrottleWaits > 0 ? ", producer throttled to the worker's pace" : string.Empty)})")).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Windows:N0} window results, {result.DeadLetters:N0} dead letters (expected {sent.Invalid + sent.Late:N0}: invalid + late), {sent.Duplicates:N0} duplicates skipped, {result.Incidents:N0} incident changes, {result.Reviews:N0} review requests")).ConfigureAwait(false);
        if (result.Lost > 0)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"error: {result.Lost:N0} of {result.Produced:N0} produced records were never consumed by the worker within the deadline: the run is incomplete")).ConfigureAwait(false);
            return ExitCodes.RecordsLost;
        }

        if (result.IncidentLatencyMedianMs is { } median)
        {
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"window close to incident on the topic: median {median:F0} ms, max {result.IncidentLatencyMaxMs:F0} ms")).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync("Windows still open when the stream ended are not emitted, as in production (replay flushes them at end of input).").ConfigureAwait(false);
        await stdout.WriteLineAsync($"results: {dir.FullName}").ConfigureAwait(false);
        await stdout.WriteLineAsync("  windows.jsonl, metrics.lp, dead-letter.jsonl, incidents.jsonl, review.jsonl, summary.json (docs/outputs.md)").ConfigureAwait(false);
        await WriteReportAsync(stdout, dir).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The revalidation report of the run, as <c>compression-safety report --windows DIR --out DIR/report</c> writes it.</summary>
    private static async Task WriteReportAsync(TextWriter stdout, DirectoryInfo dir)
    {
        var reportDir = Path.Combine(dir.FullName, "report");
        var request = ReportSources.Resolve(dir.FullName, null, null, null, null, TimeProvider.System.GetUtcNow(), ToolVersion.Current);
        var report = ReportJob.Run(request, reportDir);
        await stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"  report/            revalidation report of the run ({report.Decisions.Count} variants, {report.WindowsUsed:N0} windows): report.html (open it in a browser), report.md, report.json (docs/reports.md)")).ConfigureAwait(false);
    }
}
