using System.CommandLine;
using System.Text.Json;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Statistics;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary><c>compression-safety stats drift</c>: numeric or categorical drift between two files of one value per line.</summary>
internal static class StatsDriftCommand
{
    public static Command Create()
    {
        var reference = new Option<FileInfo>("--reference") { Description = "Reference sample: one value per line.", Required = true };
        var current = new Option<FileInfo>("--current") { Description = "Current sample: one value per line.", Required = true };
        var bins = new Option<int>("--bins")
        {
            Description = "Number of reference quantile bins for PSI, Jensen-Shannon and Hellinger.",
            DefaultValueFactory = _ => NumericDrift.DefaultBins,
        };
        var categorical = new Option<bool>("--categorical") { Description = "Treat each line as a category label." };
        var command = new Command("drift", "Drift of a current sample against a reference sample (KS, PSI, Jensen-Shannon, Wasserstein, Hellinger; chi-square for categories).")
        {
            reference, current, bins, categorical,
        };
        command.SetAction(parse => StatsJson.Run(parse, () =>
        {
            var referenceFile = parse.GetValue(reference)!;
            var currentFile = parse.GetValue(current)!;
            if (parse.GetValue(categorical))
            {
                var result = CategoricalDrift.Compute(StatsInputReader.ReadLabels(referenceFile), StatsInputReader.ReadLabels(currentFile));
                return StatsJson.Write(w => WriteCategorical(w, result));
            }

            var b = ArgumentBounds.Get(parse, bins, 1, ArgumentBounds.MaxBins);
            var numeric = NumericDrift.Compute(StatsInputReader.ReadValues(referenceFile), StatsInputReader.ReadValues(currentFile), b);
            return StatsJson.Write(w => WriteNumeric(w, numeric, b));
        }));
        return command;
    }

    private static void WriteNumeric(Utf8JsonWriter w, NumericDriftResult r, int requestedBins)
    {
        w.WriteNumber("n_reference", r.ReferenceCount);
        w.WriteNumber("n_current", r.CurrentCount);
        w.WriteStartObject("ks");
        StatsJson.Number(w, "statistic", r.Ks.Statistic);
        StatsJson.Number(w, "p_value", r.Ks.PValue);
        w.WriteString("method", r.Ks.MethodName);
        w.WriteString("definition", "scipy.stats.ks_2samp two-sided, method='auto' (exact when max(n) <= 10000)");
        w.WriteEndObject();
        w.WriteStartObject("psi");
        StatsJson.Number(w, "value", r.Psi);
        w.WriteNumber("bins", r.Bins);
        w.WriteNumber("bins_requested", requestedBins);
        StatsJson.Number(w, "epsilon", r.Epsilon);
        w.WriteString("definition", "sum (cur - ref) ln(cur / ref); edges numpy.quantile(ref, k/B) deduplicated, bin [e_i, e_i+1); proportions floored at epsilon");
        w.WriteEndObject();
        w.WriteStartObject("jensen_shannon");
        StatsJson.Number(w, "distance", r.JensenShannon);
        w.WriteNumber("base", 2);
        w.WriteEndObject();
        w.WriteStartObject("wasserstein");
        StatsJson.Number(w, "distance", r.Wasserstein);
        w.WriteEndObject();
        w.WriteStartObject("hellinger");
        StatsJson.Number(w, "distance", r.Hellinger);
        w.WriteString("definition", "H = sqrt(1 - sum_i sqrt(p_i q_i)) over the PSI bins");
        w.WriteEndObject();
    }

    private static void WriteCategorical(Utf8JsonWriter w, CategoricalDriftResult r)
    {
        w.WriteNumber("n_reference", r.ReferenceCount);
        w.WriteNumber("n_current", r.CurrentCount);
        w.WriteNumber("categories", r.Categories.Count);
        w.WriteStartObject("chi_square");
        StatsJson.Number(w, "statistic", r.ChiSquare.Statistic);
        StatsJson.Number(w, "p_value", r.ChiSquare.PValue);
        w.WriteNumber("dof", r.ChiSquare.DegreesOfFreedom);
        w.WriteString("definition", "scipy.stats.chi2_contingency(2 x K table, correction=False)");
        w.WriteEndObject();
        w.WriteStartObject("psi");
        StatsJson.Number(w, "value", r.Psi);
        w.WriteNumber("bins", r.Categories.Count);
        StatsJson.Number(w, "epsilon", r.Epsilon);
        w.WriteEndObject();
        w.WriteStartObject("jensen_shannon");
        StatsJson.Number(w, "distance", r.JensenShannon);
        w.WriteNumber("base", 2);
        w.WriteEndObject();
    }
}
