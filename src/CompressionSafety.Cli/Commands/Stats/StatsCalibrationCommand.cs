using System.CommandLine;
using System.Text.Json;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Statistics;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary><c>compression-safety stats calibration</c>: calibration of binary probabilities from a CSV file.</summary>
internal static class StatsCalibrationCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with header 'probability,label' (label 0 or 1).", Required = true };
        var bins = new Option<int>("--bins")
        {
            Description = "Number of equal-width (ECE, MCE) and equal-mass (ACE) bins.",
            DefaultValueFactory = _ => CalibrationAccumulator.DefaultBins,
        };
        var command = new Command("calibration", "ECE, MCE, ACE, Brier score, log loss and reliability bins.") { input, bins };
        command.SetAction(parse => StatsJson.Run(parse, () =>
        {
            var b = ArgumentBounds.Get(parse, bins, 1, ArgumentBounds.MaxBins);

            var (p, y) = StatsInputReader.ReadPredictions(parse.GetValue(input)!);
            var result = Calibration.Compute(p, y, b);
            return StatsJson.Write(w => Write(w, result));
        }));
        return command;
    }

    private static void Write(Utf8JsonWriter w, CalibrationResult r)
    {
        w.WriteNumber("n", r.Count);
        StatsJson.Number(w, "ece", r.Ece);
        StatsJson.Number(w, "mce", r.Mce);
        StatsJson.Number(w, "ace", r.Ace);
        StatsJson.Number(w, "brier", r.Brier);
        StatsJson.Number(w, "log_loss", r.LogLoss);
        w.WriteString("binning", "ece/mce: equal-width bins (lo, hi] with 0 in the first, as sklearn calibration_curve(strategy='uniform'); ace: equal-mass groups as numpy.array_split of the stable sort by probability");
        StatsJson.Number(w, "log_loss_clip", Calibration.LogLossEpsilon);
        w.WriteStartArray("bins");
        foreach (var bin in r.Bins)
        {
            w.WriteStartObject();
            StatsJson.Number(w, "lower", bin.Lower);
            StatsJson.Number(w, "upper", bin.Upper);
            w.WriteNumber("count", bin.Count);
            StatsJson.Number(w, "mean_probability", bin.MeanProbability);
            StatsJson.Number(w, "fraction_positive", bin.FractionPositive);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
