using System.Globalization;
using System.Text;
using CompressionSafety.Evaluation.Gating;

namespace CompressionSafety.Evaluation.Running;

/// <summary>The readable table <c>evaluate</c> prints: one row per variant.</summary>
public static class ResultTable
{
    /// <summary>Formats the table.</summary>
    /// <param name="result">The evaluation.</param>
    /// <returns>Plain text, one line per variant plus header and suite summary.</returns>
    public static string Format(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"model {result.Model}: {result.SuiteCases} cases, {result.SuiteErrors.Count} bad suite lines, suite sha256 {result.SuiteSha256[..12]}");
        text.AppendLine(c, $"{"variant",-14} {"accuracy",8} {"unsafe-miss",11} {"false-flag",10} {"flip",7} {"ece",7} {"worst slice (acc drop)",-34} {"rows/s",10} {"gate",-16}");
        foreach (var v in result.Variants)
        {
            var m = v.Metrics;
            var worst = v.WorstSlice is { } w ? string.Create(c, $"{w.Slice} {w.Drop:+0.000;-0.000} (n={w.Cases})") : "-";
            var gate = v.IsBaseline ? "baseline" : GateDecisionText.Of(v.Gate);
            text.AppendLine(c, $"{v.Name,-14} {F(m.Accuracy),8} {F(m.UnsafeMissRate),11} {F(m.FalseFlagRate),10} {F(m.FlipRate),7} {F(m.Ece),7} {worst,-34} {v.RowsPerSecond,10:F0} {gate,-16}");
        }

        foreach (var v in result.Variants.Where(v => v.Reasons.Count > 0))
        {
            text.AppendLine(c, $"{v.Name}: {GateDecisionText.Of(v.Gate)}; {v.ExemplarCount} exemplars; first reason: {v.Reasons[0].Text}");
        }

        return text.ToString();
    }

    private static string F(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
