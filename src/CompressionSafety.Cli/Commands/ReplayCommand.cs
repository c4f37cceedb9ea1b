using System.CommandLine;
using System.Globalization;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Cli.Replay;
using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Files;
using CompressionSafety.Notifications;

namespace CompressionSafety.Cli.Commands;

/// <summary><c>compression-safety replay</c>: runs the engine over files and writes the output folder.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "Inference log, JSON lines (plain or gzip). Prediction and label records may be mixed.",
            Required = true,
        };
        var labels = new Option<FileInfo?>("--labels")
        {
            Description = "Optional second JSON-lines file of label records (delayed ground truth), merged with the input by timestamp.",
        };
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = "Settings file, YAML or JSON (window size, grace, slices, positive labels, limits; see docs/configuration.md).",
        };
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Output folder: windows.jsonl, dead-letter.jsonl, metrics.lp, summary.json (see docs/outputs.md).",
            Required = true,
        };
        var snapshot = new Option<FileInfo?>("--snapshot")
        {
            Description = "Baseline snapshot from 'evaluate' (snapshot.json): windows are also compared with its expected rates and distributions (reference 'snapshot').",
        };
        var rules = new Option<DirectoryInfo?>("--rules")
        {
            Description = "Folder of alert rules (docs/rules.md); default alert-rules/ when it exists. Writes incidents.jsonl and review.jsonl.",
        };
        var webhook = new Option<string?>("--webhook")
        {
            Description = $"Also post every incident state change to this Alertmanager-compatible webhook, signed with the HMAC-SHA256 secret in ${CliEnvironment.WebhookSecret} (docs/rules.md).",
        };
        var alertmanager = new Option<string[]>("--alertmanager")
        {
            Description = "Also send every incident to this Alertmanager (base URL, e.g. http://localhost:9093; repeat for each replica) through POST /api/v2/alerts (docs/rules.md#alertmanager).",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxFutureSkew = new Option<string?>("--max-future-skew")
        {
            Description = "How far ahead of stream time a record's timestamp may be (e.g. 1h, 30m); further ahead is dead-lettered future_timestamp. Overrides max_future_skew of --config; default 1h.",
        };
        var command = new Command("replay", "Replay an inference log through the monitoring engine and write per-window statistics.")
        {
            input, labels, config, snapshot, rules, webhook, alertmanager, maxFutureSkew, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            ReplaySettings settings;
            try
            {
                settings = parse.GetValue(config) is { } file ? ConfigLoader.Load(file.FullName) : ReplaySettings.Default();
                if (parse.GetValue(maxFutureSkew) is { } skewText)
                {
                    settings.Engine.MaxFutureSkew = Durations.TryParse(skewText, out var skew)
                        ? skew
                        : throw new ConfigurationException($"--max-future-skew: expected a duration such as 30m or 1h, got '{skewText}'");
                    if (settings.Engine.Validate().FirstOrDefault(e => e.StartsWith(nameof(Engine.EngineOptions.MaxFutureSkew), StringComparison.Ordinal)) is { } problem)
                    {
                        throw new ConfigurationException("--max-future-skew: " + problem[(problem.IndexOf(':', StringComparison.Ordinal) + 2)..]);
                    }
                }
            }
            catch (ConfigurationException ex)
            {
                await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            var rulesDir = parse.GetValue(rules)?.FullName ?? (Directory.Exists("alert-rules") ? Path.GetFullPath("alert-rules") : null);
            Engine.Rules.RuleSet? ruleSet = null;
            if (rulesDir is not null)
            {
                var (set, errors) = Engine.Rules.RuleLoader.ValidateDirectory(rulesDir);
                if (await RulesCommand.ReportAsync(errors, stderr).ConfigureAwait(false))
                {
                    // An invalid rule set must not start a run that would silently miss the alerts it meant to raise.
                    return ExitCodes.InvalidConfiguration;
                }

                ruleSet = set;
            }

            var inputFile = parse.GetValue(input)!;
            var labelsFile = parse.GetValue(labels);
            foreach (var file in new[] { inputFile, labelsFile })
            {
                if (file is not null && !file.Exists)
                {
                    await stderr.WriteLineAsync($"error: input file not found: {file.FullName}").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }
            }

            BaselineSnapshot? baselineSnapshot = null;
            if (parse.GetValue(snapshot) is { } snapshotFile)
            {
                try
                {
                    baselineSnapshot = BaselineSnapshotJson.Read(snapshotFile.FullName);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // A snapshot that cannot be used is a bad input, said in one line before any record is read.
                    await stderr.WriteLineAsync($"error: snapshot {snapshotFile.FullName}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }
            }

            Uri? webhookUrl = null;
            if (parse.GetValue(webhook) is { } webhookText && (!Uri.TryCreate(webhookText, UriKind.Absolute, out webhookUrl) || webhookUrl.Scheme is not ("http" or "https")))
            {
                await stderr.WriteLineAsync($"error: --webhook '{webhookText}' is not an http(s) URL").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            await using var notifier = webhookUrl is null ? null : CreateNotifier(webhookUrl, stderr);
            if (parse.GetValue(webhook) is not null && notifier is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var alertmanagerUrls = new List<Uri>();
            foreach (var text in parse.GetValue(alertmanager) ?? [])
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    await stderr.WriteLineAsync($"error: --alertmanager '{text}' is not an http(s) URL").ConfigureAwait(false);
                    return ExitCodes.InvalidConfiguration;
                }

                alertmanagerUrls.Add(url);
            }

            await using var alerts = alertmanagerUrls.Count == 0 ? null : CreateAlertmanager(alertmanagerUrls, settings);
            var outDir = parse.GetValue(output)!;
            try
            {
                var replaced = OutputFolder.Prepare(outDir.FullName);
                if (replaced.Count > 0)
                {
                    await stderr.WriteLineAsync($"note: {outDir.FullName} held an earlier run; replaced its {string.Join(", ", replaced)}").ConfigureAwait(false);
                }
            }
            catch (OutputFolderException ex)
            {
                await stderr.WriteLineAsync("error: --out: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            var progress = Console.IsErrorRedirected || !TerminalWriter.IsStandardError(stderr)
                ? null
                : new Action<ReplayProgress>(p => stderr.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\r{p.RecordsRead,12:N0} records  {p.RecordsRead / Math.Max(p.Elapsed.TotalSeconds, 1e-3),10:N0} records/s  {p.WindowsClosed,8:N0} windows")));
            var runner = new ReplayRunner(settings, TimeProvider.System, baselineSnapshot) {
                Progress = progress,
                Rules = ruleSet,
                RulesSha256 = rulesDir is null ? null : Engine.Reproducibility.RuleSetHash.OfDirectory(rulesDir),
                Notifier = (notifier, alerts) switch
                {
                    (null, null) => null,
                    (not null, null) => notifier,
                    (null, not null) => alerts,
                    _ => new Worker.IncidentOutputs([notifier, alerts]),
                },
            };
            ReplayResult result;
            try
            {
                result = await runner.RunAsync(inputFile.FullName, labelsFile?.FullName, outDir.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                // A truncated or corrupt gzip input: the records before the break were read, the run is not whole.
                if (progress is not null)
                {
                    await stderr.WriteLineAsync().ConfigureAwait(false);
                }

                await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (progress is not null)
            {
                await stderr.WriteLineAsync().ConfigureAwait(false);
            }

            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.RecordsRead:N0} records read, {result.Counters.Accepted:N0} predictions counted, {result.DeadLettered:N0} dead-lettered, " +
                $"{result.Counters.Duplicates:N0} duplicates, {result.Windows:N0} window results for {result.Keys} keys " +
                $"in {result.Elapsed.TotalSeconds:F1} s ({result.RecordsRead / Math.Max(result.Elapsed.TotalSeconds, 1e-3):N0} records/s)")).ConfigureAwait(false);
            if (ruleSet is not null)
            {
                // Distinct ids: an incident is announced again when a critical one mutes it or stops muting it.
                var firing = runner.Incidents.Where(i => i.Status == Engine.Rules.IncidentStatus.Firing).Select(i => i.Id).Distinct(StringComparer.Ordinal).Count();
                await stdout.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{ruleSet.Rules.Count} rules from {rulesDir}: {firing} incidents fired")).ConfigureAwait(false);
            }

            if (notifier is not null)
            {
                using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                drain.CancelAfter(TimeSpan.FromSeconds(60));
                await notifier.CompleteAsync(drain.Token).ConfigureAwait(false);
                await stdout.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"webhook: {notifier.IncidentsSent} incident changes posted, {notifier.IncidentsFailed} failed after {notifier.Attempts} attempts, {notifier.Dropped} dropped " +
                    $"({notifier.Sent} payloads posted, {notifier.Failed} given up){(notifier.LastError is { } why ? "; last error: " + why : string.Empty)}")).ConfigureAwait(false);
            }

            if (alerts is not null)
            {
                using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                drain.CancelAfter(TimeSpan.FromSeconds(60));
                await alerts.CompleteAsync(drain.Token).ConfigureAwait(false);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"alertmanager: {alerts.Sent} posted, {alerts.Failed} failed, {alerts.Dropped} dropped, {alerts.Active} still firing")).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync($"results: {outDir.FullName}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The Alertmanager client for replay: rules are evaluated once per window, so the window size is the evaluation interval.</summary>
    private static AlertmanagerNotifier CreateAlertmanager(List<Uri> urls, ReplaySettings settings)
    {
        return AlertmanagerServiceCollectionExtensions.StandaloneHttpClientFactory().CreateAlertmanagerNotifier(new AlertmanagerOptions { Urls = urls, EvaluationInterval = settings.Engine.WindowSize }, TimeProvider.System);
    }

    private static WebhookNotifier? CreateNotifier(Uri url, TextWriter stderr)
    {
        var secret = Environment.GetEnvironmentVariable(CliEnvironment.WebhookSecret);
        if (string.IsNullOrEmpty(secret))
        {
            stderr.WriteLine($"error: --webhook needs the signing secret in the environment variable {CliEnvironment.WebhookSecret}");
            return null;
        }

        // Retries take up to a minute against a receiver that is down: say each failure as it happens, not only at the end.
        var gate = new Lock();
        return new WebhookNotifier(new WebhookOptions { Url = url, Secret = secret }, new HttpClient(), TimeProvider.System)
        {
            AttemptFailed = message =>
            {
                lock (gate)
                {
                    stderr.WriteLine("webhook: " + message);
                }
            },
        };
    }
}
