using System.CommandLine;
using System.Globalization;
using CompressionSafety.Cli.Producing;
using CompressionSafety.Simulation;
using Confluent.Kafka;

namespace CompressionSafety.Cli.Commands;

/// <summary><c>compression-safety produce</c>: streams generated traffic to a Kafka topic in accelerated real time (demos, load tests).</summary>
internal static class ProduceCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap") { Description = "Kafka bootstrap servers, host:port[,host:port].", Required = true };
        var topic = new Option<string>("--topic") { Description = "Topic to write to.", DefaultValueFactory = _ => "inference-logs" };
        var records = new Option<long>("--records", "-n") { Description = "Records to generate.", DefaultValueFactory = _ => 100_000 };
        var rate = new Option<double>("--rate") { Description = "Records per simulated second.", DefaultValueFactory = _ => 50 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per wall-clock second (1 = real time).", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var degrade = new Option<string[]>("--degrade")
        {
            Description = "Injected degradation (repeatable), as in 'generate' (docs/generate.md); start offsets count from the moment the command starts.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command(
            "produce",
            "Stream a generated inference log to Kafka in accelerated real time, starting now (for demos and load tests; see docs/generate.md).")
        {
            bootstrap, topic, records, rate, speed, seed, degrade,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var count = parse.GetValue(records);
            var perSecond = parse.GetValue(rate);
            var factor = parse.GetValue(speed);
            if (count <= 0 || !(perSecond > 0) || !(factor > 0))
            {
                await stderr.WriteLineAsync("error: --records, --rate and --speed must be positive").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            GeneratorOptions options;
            try
            {
                // Start at the current whole second so windows and degradations line up with the wall clock.
                var now = TimeProvider.System.GetUtcNow();
                options = new GeneratorOptions
                {
                    Records = count,
                    Seed = parse.GetValue(seed),
                    Start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
                    Duration = TimeSpan.FromSeconds(count / perSecond),
                    Degradations = (parse.GetValue(degrade) ?? []).Select(Degradation.Parse).ToList(),
                };
                options.Validate();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }

            var target = parse.GetValue(topic)!;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"producing {count:N0} records at {perSecond:N0}/s simulated, speed x{factor}, to {target} on {parse.GetValue(bootstrap)}")).ConfigureAwait(false);
            var producer = new GeneratedStreamProducer(parse.GetValue(bootstrap)!, target, factor, TimeProvider.System);
            try
            {
                Action<long>? progress = Console.IsErrorRedirected || !TerminalWriter.IsStandardError(stderr)
                    ? null
                    : sent => stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r{sent,12:N0} sent"));
                var delivered = await producer.RunAsync(options, progress, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{delivered:N0} records delivered to {target}")).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (KafkaException ex)
            {
                await stderr.WriteLineAsync($"error: Kafka: {ex.Error.Reason}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
