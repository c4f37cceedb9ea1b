using System.Globalization;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Suites;

namespace CompressionSafety.Evaluation.Running;

/// <summary>Turns a model's output rows into probabilities as its registry entry declares, refusing what does not fit.</summary>
internal static class OutputRows
{
    /// <summary>How far a declared probability row may stray from [0, 1] and from summing to 1.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Converts <paramref name="output"/> in place: softmax per row for logits, one sigmoid per value for sigmoid.</summary>
    /// <exception cref="EvaluationException">A declared probabilities row is not a distribution: names the model, variant and first bad row.</exception>
    public static void ToProbabilities(float[] output, int labels, RegistryModel model, RegistryFile file, IReadOnlyList<SuiteCase> cases)
    {
        switch (model.Output!.Kind)
        {
            case OutputKind.Logits:
                for (var start = 0; start < output.Length; start += labels)
                {
                    Softmax(output.AsSpan(start, labels));
                }

                break;
            case OutputKind.Sigmoid:
                for (var k = 0; k < output.Length; k++)
                {
                    output[k] = 1f / (1f + MathF.Exp(-output[k]));
                }

                break;
            default:
                CheckDistributions(output, labels, model, file, cases);
                break;
        }
    }

    private static void Softmax(Span<float> row)
    {
        // Max subtracted first so large logits cannot overflow exp; summed in double to stay within float rounding.
        var max = float.NegativeInfinity;
        foreach (var v in row)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var k = 0; k < row.Length; k++)
        {
            sum += Math.Exp(row[k] - max);
        }

        for (var k = 0; k < row.Length; k++)
        {
            row[k] = (float)(Math.Exp(row[k] - max) / sum);
        }
    }

    private static void CheckDistributions(float[] output, int labels, RegistryModel model, RegistryFile file, IReadOnlyList<SuiteCase> cases)
    {
        for (var n = 0; n < output.Length / labels; n++)
        {
            var row = output.AsSpan(n * labels, labels);
            var sum = 0.0;
            var inRange = true;
            foreach (var p in row)
            {
                sum += p;
                inRange &= float.IsFinite(p) && p >= -Tolerance && p <= 1 + Tolerance;
            }

            if (!inRange || Math.Abs(sum - 1) > Tolerance)
            {
                var values = string.Join(", ", row.ToArray().Select(p => p.ToString("G6", CultureInfo.InvariantCulture)));
                throw new EvaluationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Model '{model.Name}' variant '{file.Name}': output '{model.Output!.Name}' is declared 'probabilities' but row {n + 1} (case '{cases[n].Id}', suite line {cases[n].Line}) is [{values}], not values in [0, 1] summing to 1 within {Tolerance}; if the model outputs logits, declare \"output\": {{\"name\": \"{model.Output.Name}\", \"kind\": \"logits\"}}."));
            }
        }
    }
}
