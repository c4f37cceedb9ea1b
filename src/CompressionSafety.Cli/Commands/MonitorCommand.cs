using System.CommandLine;
using CompressionSafety.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Cli.Commands;

/// <summary>
/// <c>compression-safety monitor --config FILE</c>: runs the long-running worker (Kafka in; dead letters to Kafka;
/// metrics to InfluxDB or a line-protocol file) until stopped. Settings: docs/worker.md.
/// </summary>
internal static class MonitorCommand
{
    public const string Name = "monitor";

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = "Worker settings, JSON (appsettings format: sections Kafka, Engine, Rules, InfluxDb, Health, Evaluation, Archive, Reports; see docs/worker.md). " +
                "Environment variables override it (Kafka__BootstrapServers=...).",
            Required = true,
        };
        var command = new Command(Name, "Run the monitoring worker on Kafka until stopped (Ctrl+C or SIGTERM: drains, commits and exits 0 within Kafka:ShutdownTimeout). A fatal Kafka error stops it with exit code 1.")
        {
            config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var file = parse.GetValue(config)!;
            if (!file.Exists)
            {
                await stderr.WriteLineAsync($"error: config file not found: {file.FullName}").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            if (!string.Equals(file.Extension, ".json", StringComparison.OrdinalIgnoreCase))
            {
                await stderr.WriteLineAsync($"error: {file.FullName}: the worker reads JSON settings (appsettings format), see docs/worker.md").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = file.DirectoryName });
            try
            {
                builder.Configuration.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
            }
            catch (InvalidDataException ex)
            {
                await stderr.WriteLineAsync($"error: {file.FullName}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            // Environment variables override the file, as in any .NET host.
            builder.Configuration.AddEnvironmentVariables();
            builder.AddCompressionSafetyWorker();
            var host = builder.Build();
            try
            {
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OptionsValidationException ex)
            {
                await stderr.WriteLineAsync($"error: invalid settings in {file.FullName}: {string.Join("; ", ex.Failures)}").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }
            finally
            {
                // Async disposal drains the webhook notifier and the InfluxDB sink, which only dispose asynchronously.
                if (host is IAsyncDisposable asyncHost)
                {
                    await asyncHost.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    host.Dispose();
                }
            }

            // The ingestion service sets a non-zero exit code when a fatal error stopped the host.
            return Environment.ExitCode;
        });
        return command;
    }
}
