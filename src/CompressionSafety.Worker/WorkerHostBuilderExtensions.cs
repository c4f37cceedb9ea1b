using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Files;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.InfluxDb;
using CompressionSafety.Notifications;
using CompressionSafety.Engine.Reproducibility;
using CompressionSafety.Worker.Archive;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Evaluation;
using CompressionSafety.Worker.Http;
using CompressionSafety.Worker.Ingestion;
using CompressionSafety.Worker.Options;
using CompressionSafety.Worker.Reporting;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CompressionSafety.Worker;

/// <summary>Registers the worker's hosted services, options, health and metrics.</summary>
public static class WorkerHostBuilderExtensions
{
    /// <summary>
    /// Adds the Kafka ingestion service with its options (sections <c>Kafka</c> and <c>Engine</c>, validated at
    /// start), the dead-letter publisher, the metrics sink (InfluxDB when section <c>InfluxDb</c> names a URL, else the
    /// line-protocol file), the webhook (section <c>Webhook</c>) and Alertmanager (section <c>Alertmanager</c>) notifiers when
    /// configured, <see cref="WorkerHealth"/> with its HTTP endpoint (section <c>Health</c>),
    /// <see cref="WorkerMetrics"/>, and the scheduled re-evaluation when section <c>Evaluation</c> exists.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="SettingsException">A worker section holds an unknown key or a value of the wrong type (<see cref="StrictSettings"/>).</exception>
    public static IHostApplicationBuilder AddCompressionSafetyWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Unknown keys and values of the wrong type fail here, naming the setting, before anything is bound.
        if (StrictSettings.Check(builder.Configuration) is { Count: > 0 } problems)
        {
            throw new SettingsException(problems);
        }

        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<KafkaWorkerOptions>()
            .Bind(builder.Configuration.GetSection(KafkaWorkerOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaWorkerOptions>, KafkaWorkerOptionsValidator>());
        // The host's stop waits for the consume loop's drain and final commit for as long as the setting allows. Read
        // from the raw section, not the validated options: the host resolves HostOptions while it is being built, and a
        // bad Kafka setting must fail at start with its name (exit code 2), not inside Build.
        var shutdown = builder.Configuration.GetSection(KafkaWorkerOptions.SectionName)[nameof(KafkaWorkerOptions.ShutdownTimeout)];
        services.Configure<HostOptions>(host => host.ShutdownTimeout =
            TimeSpan.TryParse(shutdown, System.Globalization.CultureInfo.InvariantCulture, out var timeout) ? timeout : new KafkaWorkerOptions().ShutdownTimeout);
        services.AddOptionsWithValidateOnStart<EngineOptions>()
            .Bind(builder.Configuration.GetSection(EngineOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>());

        services.AddOptionsWithValidateOnStart<RulesOptions>()
            .Bind(builder.Configuration.GetSection(RulesOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RulesOptions>, RulesOptionsValidator>());

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetSection(WebhookOptions.SectionName)[nameof(WebhookOptions.Url)]))
        {
            services.AddOptions<WebhookOptions>()
                .Bind(builder.Configuration.GetSection(WebhookOptions.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            // One HttpClient for the notifier's lifetime; the notifier queues, retries and counts drops itself.
            services.TryAddSingleton(sp => new WebhookNotifier(
                sp.GetRequiredService<IOptions<WebhookOptions>>().Value,
                new HttpClient(),
                sp.GetRequiredService<TimeProvider>()));
        }

        var alertmanager = builder.Configuration.GetSection(AlertmanagerOptions.SectionName);
        if (alertmanager.GetSection(nameof(AlertmanagerOptions.Urls)).GetChildren().Any())
        {
            services.AddOptions<AlertmanagerOptions>()
                .Bind(alertmanager)
                // Rules are evaluated once per closed window: unless set, the window size is the evaluation interval.
                .PostConfigure<IOptions<EngineOptions>>((options, engine) =>
                {
                    if (alertmanager[nameof(AlertmanagerOptions.EvaluationInterval)] is null)
                    {
                        options.EvaluationInterval = engine.Value.WindowSize;
                    }
                })
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddAlertmanagerHttpClient();
            services.TryAddSingleton(sp => sp.GetRequiredService<IHttpClientFactory>().CreateAlertmanagerNotifier(
                sp.GetRequiredService<IOptions<AlertmanagerOptions>>().Value,
                sp.GetRequiredService<TimeProvider>()));
        }

        // API silences: one store shared by every evaluator, seeded from the silences file when one is configured
        // (the options validator has already checked that file).
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RulesOptions>>().Value.SilencesFile is { Length: > 0 } file
            ? new SilenceStore(SilenceFile.Load(file))
            : new SilenceStore());
        services.TryAddSingleton<SilenceApi>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkerHealth>();
        services.TryAddSingleton<WorkerMetrics>();
        services.TryAddSingleton<IRecordPublisher>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KafkaWorkerOptions>>().Value;
            return new KafkaRecordPublisher(
                new KafkaPublisherSettings
                {
                    BootstrapServers = options.BootstrapServers,
                    MaxInFlight = options.MaxInFlight,
                    MaxAttempts = options.MaxPublishAttempts,
                    // A tenth of the stop's bound: loop (ShutdownTimeout) + this + InfluxDB's drain (10 s) = 43 s by
                    // default, inside the deployment's 45 s grace period even while the broker is down.
                    CloseTimeout = options.ShutdownTimeout / 10,
                    ClientProperties = ClientProperties.Resolve(options),
                },
                sp.GetRequiredService<TimeProvider>());
        });
        // InfluxDB when the InfluxDb section names a URL; the line-protocol file otherwise.
        services.AddInfluxDbMetrics(builder.Configuration);
        services.TryAddSingleton<IMetricsSink>(sp =>
            new LineProtocolFileSink(sp.GetRequiredService<IOptions<KafkaWorkerOptions>>().Value.MetricsFile, append: true));
        // Every incident output behind the one sink the loop publishes to: incident points beside the window points
        // (when the metrics sink writes them), then the notifiers that are configured.
        services.TryAddSingleton<IIncidentSink>(sp => new IncidentOutputs([
            .. sp.GetRequiredService<IMetricsSink>() is IIncidentSink points ? [points] : Array.Empty<IIncidentSink>(),
            .. sp.GetService<WebhookNotifier>() is { } webhook ? [webhook] : Array.Empty<IIncidentSink>(),
            .. sp.GetService<AlertmanagerNotifier>() is { } alerts ? [alerts] : Array.Empty<IIncidentSink>(),
        ]));
        services.AddSingleton<Func<IngestionLoop>>(sp => () =>
        {
            var options = sp.GetRequiredService<IOptions<KafkaWorkerOptions>>().Value;
            return new IngestionLoop(
                options,
                sp.GetRequiredService<IOptions<EngineOptions>>().Value,
                new ParserOptions { MaxRecordBytes = options.MaxRecordBytes },
                ClientProperties.Resolve(options),
                sp.GetRequiredService<IRecordPublisher>(),
                sp.GetRequiredService<IMetricsSink>(),
                sp.GetRequiredService<IOptions<RulesOptions>>().Value.Directory is { Length: > 0 } rules ? RuleLoader.LoadDirectory(rules) : null,
                sp.GetService<IIncidentSink>(),
                sp.GetRequiredService<SilenceStore>(),
                sp.GetRequiredService<WorkerHealth>(),
                sp.GetRequiredService<WorkerMetrics>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<IngestionLoop>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<WindowArchive>());
        });
        services.AddHostedService<IngestionService>();
        AddHttpServer(builder);
        if (builder.Configuration.GetSection(EvaluationOptions.SectionName).Exists())
        {
            services.AddEvaluation(builder.Configuration);
        }

        if (builder.Configuration.GetSection(ArchiveOptions.SectionName).Exists())
        {
            services.AddOptionsWithValidateOnStart<ArchiveOptions>()
                .Bind(builder.Configuration.GetSection(ArchiveOptions.SectionName));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>());
            services.TryAddSingleton(sp => new WindowArchive(
                sp.GetRequiredService<IOptions<ArchiveOptions>>().Value,
                RunIdentityOf(sp),
                ReportRunner.ToolVersion,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<WindowArchive>()));
        }

        var reports = builder.Configuration.GetSection(ReportOptions.SectionName);
        if (reports.Exists() && reports.GetValue(nameof(ReportOptions.Enabled), defaultValue: true))
        {
            services.AddScheduledReports(builder.Configuration);
        }

        return builder;
    }

    /// <summary>
    /// The worker's one HTTP server (<see cref="WorkerHttpServer"/>) on <c>Health:Prefix</c> (or the older
    /// <c>Metrics:Prefix</c> when only it is set), its health checks, and, unless <c>Metrics:Enabled</c> is false,
    /// OpenTelemetry's Prometheus exporter for <c>/metrics</c> on the same server. The instruments are the ones created
    /// through <see cref="System.Diagnostics.Metrics.IMeterFactory"/>; only the exporter is added here.
    /// </summary>
    private static void AddHttpServer(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var health = builder.Configuration.GetSection(HealthEndpointOptions.SectionName);
        var metrics = builder.Configuration.GetSection(MetricsEndpointOptions.SectionName);
        var healthPrefix = health[nameof(HealthEndpointOptions.Prefix)];
        var metricsPrefix = metrics[nameof(MetricsEndpointOptions.Prefix)];
        // A malformed prefix fails at start naming its setting, before the server or the exporter is built.
        services.AddOptionsWithValidateOnStart<HealthEndpointOptions>()
            .Bind(health)
            .Validate(o => string.IsNullOrWhiteSpace(healthPrefix) || MetricsEndpointOptions.IsPrefix(healthPrefix), "Health:Prefix must have the form http://host:port/ such as http://*:8080/ (http://, host, port, trailing '/').")
            .Validate(o => string.IsNullOrWhiteSpace(metricsPrefix) || MetricsEndpointOptions.IsPrefix(metricsPrefix), "Metrics:Prefix must have the form http://host:port/ such as http://*:9464/ (http://, host, port, trailing '/'); better, set Health:Prefix only: /metrics is served there.")
            .Validate(
                o => string.IsNullOrWhiteSpace(healthPrefix) || string.IsNullOrWhiteSpace(metricsPrefix) || SameAddress(healthPrefix, metricsPrefix),
                $"Metrics:Prefix ('{metricsPrefix}') and Health:Prefix ('{healthPrefix}') name different addresses, but the worker serves health, silences and /metrics on one server and one port: remove Metrics:Prefix and scrape Health:Prefix's /metrics.")
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Prefix) && !string.IsNullOrWhiteSpace(metricsPrefix))
                {
                    o.Prefix = metricsPrefix;
                }
            });
        services.AddOptions<MetricsEndpointOptions>().Bind(metrics);
        services.AddWorkerHealthChecks();
        services.AddSingleton<WorkerHttpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerHttpServer>());
        var prefix = string.IsNullOrWhiteSpace(healthPrefix) ? metricsPrefix : healthPrefix;
        if (string.IsNullOrWhiteSpace(prefix) || !MetricsEndpointOptions.IsPrefix(prefix) || !metrics.GetValue(nameof(MetricsEndpointOptions.Enabled), defaultValue: true))
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(MetricsEndpointOptions.ServiceName, serviceVersion: ReportRunner.ToolVersion, autoGenerateServiceInstanceId: false))
            .WithMetrics(meters => meters
                .AddMeter([.. MetricsEndpointOptions.Meters])
                // Every series carries service_name, so a shared Prometheus tells the worker's series apart.
                .AddPrometheusExporter(exporter => exporter.ResourceConstantLabels = key => key == "service.name"));
    }

    private static bool SameAddress(string a, string b) =>
        WorkerHttpAddress.TryParse(a, out var x) && WorkerHttpAddress.TryParse(b, out var y) && x == y;

    /// <summary>The worker's settings as the report's manifest names them: the canonical engine settings and the rule folder's hash.</summary>
    /// <param name="services">The worker host's services.</param>
    /// <returns>The identity written into the archive's run files.</returns>
    public static RunIdentity RunIdentityOf(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var engine = services.GetRequiredService<IOptions<EngineOptions>>().Value;
        var kafka = services.GetRequiredService<IOptions<KafkaWorkerOptions>>().Value;
        var effective = ConfigurationHash.Sha256(engine, kafka.MaxRecordBytes);
        var rules = services.GetRequiredService<IOptions<RulesOptions>>().Value.Directory;
        return new RunIdentity(effective, "worker", effective, string.IsNullOrWhiteSpace(rules) ? null : RuleSetHash.OfDirectory(rules));
    }
}
