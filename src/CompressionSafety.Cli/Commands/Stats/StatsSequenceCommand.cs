using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CompressionSafety.Statistics;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>
/// <c>compression-safety stats sequence</c>: the sequential tools over a series of windows, one CSV row per window:
/// the anytime-valid confidence sequence and the rate-change e-detector for a difference of two rates, and the
/// discordance CUSUM over (b, c) pairs. Prints the running state after every window (docs/statistics.md).
/// </summary>
internal static class StatsSequenceCommand
{
    public const string RatesHeader = "variant_successes,variant_trials,baseline_successes,baseline_trials";
    public const string PairsHeader = "b,c";
    private static readonly string[] Methods = ["confidence-sequence", "rate-cusum", "discordance-cusum"];

    public static Command Create()
    {
        var method = new Option<string>("--method")
        {
            Description = "confidence-sequence or rate-cusum (CSV '" + RatesHeader + "'), or discordance-cusum (CSV '" + PairsHeader + "').",
            Required = true,
        };
        method.AcceptOnlyFromAmong(Methods);
        var input = new Option<string>("--input") { Description = "CSV with a header and one row of counts per window.", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "confidence-sequence: probability of ever excluding the true difference.", DefaultValueFactory = _ => 0.05 };
        var tuning = new Option<long>("--tuning-trials") { Description = "confidence-sequence: cumulative trials per side where the interval is tightest.", DefaultValueFactory = _ => 10_000 };
        var oddsRatio = new Option<double>("--odds-ratio") { Description = "rate-cusum: alternative odds ratio, variant over baseline (> 1 watches a rise, < 1 a drop).", DefaultValueFactory = _ => 0.5 };
        var alternative = new Option<double>("--alternative") { Description = "discordance-cusum: share of discordant pairs against the variant under the alternative.", DefaultValueFactory = _ => 0.9 };
        var threshold = new Option<double?>("--threshold") { Description = "CUSUMs: alarm threshold h (default 17 for rate-cusum, as the default rules; 10 for discordance-cusum)." };
        var command = new Command("sequence", "Run a confidence sequence or a CUSUM over per-window counts and print its state after every window.")
        {
            method, input, alpha, tuning, oddsRatio, alternative, threshold,
        };
        command.SetAction(parse => StatsJson.Run(parse, () =>
        {
            var name = parse.GetValue(method)!;
            var file = new FileInfo(parse.GetValue(input)!);
            // Option values first: a bad one is an argument error (exit 2) and no input is read.
            switch (name)
            {
                case "confidence-sequence":
                    var sequence = Checked("--alpha / --tuning-trials", () => new DifferenceConfidenceSequence(parse.GetValue(alpha), parse.GetValue(tuning)));
                    return StatsJson.Write(json =>
                    {
                        json.WriteString("method", name);
                        ConfidenceSequence(json, StatsInputReader.ReadCountRows(file, RatesHeader, ratePairs: true), sequence);
                    });
                case "rate-cusum":
                    var rate = Checked("--odds-ratio", () => new RateChangeCusum(parse.GetValue(oddsRatio)));
                    var rateThreshold = Threshold(parse.GetValue(threshold) ?? 17);
                    return StatsJson.Write(json =>
                    {
                        json.WriteString("method", name);
                        RateCusum(json, StatsInputReader.ReadCountRows(file, RatesHeader, ratePairs: true), rate, rateThreshold);
                    });
                default:
                    var discordance = Checked("--alternative", () => new DiscordanceCusum(parse.GetValue(alternative)));
                    var discordanceThreshold = Threshold(parse.GetValue(threshold) ?? 10);
                    return StatsJson.Write(json =>
                    {
                        json.WriteString("method", name);
                        Discordance(json, StatsInputReader.ReadCountRows(file, PairsHeader, ratePairs: false), discordance, discordanceThreshold);
                    });
            }
        }));
        return command;
    }

    private static void ConfidenceSequence(Utf8JsonWriter json, List<long[]> rows, DifferenceConfidenceSequence sequence)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber("alpha", sequence.Alpha);
        json.WriteNumber("rho", sequence.Rho);
        json.WriteEndObject();
        Windows(json, rows, (row, index) =>
        {
            var interval = sequence.Update(row[0], row[1], row[2], row[3]);
            json.WriteNumber("estimate", sequence.Estimate);
            json.WriteNumber("low", interval.Low);
            json.WriteNumber("high", interval.High);
            json.WriteBoolean("signal", sequence.Signal);
            return false;
        });
    }

    private static void RateCusum(Utf8JsonWriter json, List<long[]> rows, RateChangeCusum cusum, double h)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber("odds_ratio", cusum.OddsRatio);
        json.WriteNumber("threshold", h);
        json.WriteEndObject();
        var logPsi = Math.Log(cusum.OddsRatio);
        Windows(json, rows, (row, index) =>
        {
            if (RateChangeCusum.LogLikelihoodRatio(logPsi, row[0], row[1], row[2], row[3]) is { } llr)
            {
                json.WriteNumber("llr", llr);
            }
            else
            {
                json.WriteNull("llr");
            }

            json.WriteNumber("statistic", cusum.Update(row[0], row[1], row[2], row[3]));
            return cusum.Statistic >= h;
        }, h);
    }

    private static void Discordance(Utf8JsonWriter json, List<long[]> rows, DiscordanceCusum cusum, double h)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber("alternative", cusum.Alternative);
        json.WriteNumber("threshold", h);
        json.WriteEndObject();
        Windows(json, rows, (row, index) =>
        {
            json.WriteNumber("statistic", cusum.Update(row[0], row[1]));
            return cusum.Statistic >= h;
        }, h);
    }

    /// <summary>Writes <c>windows</c> (one object per row, index first) and, for a CUSUM, <c>alarms</c>: the windows at or above h.</summary>
    private static void Windows(Utf8JsonWriter json, List<long[]> rows, Func<long[], int, bool> step, double? h = null)
    {
        var alarms = new List<int>();
        json.WriteStartArray("windows");
        for (var i = 0; i < rows.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("index", i);
            if (step(rows[i], i))
            {
                alarms.Add(i);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (h is null)
        {
            return;
        }

        json.WriteStartArray("alarms");
        foreach (var index in alarms)
        {
            json.WriteNumberValue(index);
        }

        json.WriteEndArray();
    }

    private static double Threshold(double h) => h > 0 && double.IsFinite(h)
        ? h
        : throw new Configuration.ConfigurationException($"--threshold {h.ToString(CultureInfo.InvariantCulture)}: must be a positive number.");

    private static T Checked<T>(string options, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new Configuration.ConfigurationException($"{options}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
