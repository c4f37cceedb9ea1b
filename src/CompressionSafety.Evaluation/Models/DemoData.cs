using CompressionSafety.Evaluation.Suites;

namespace CompressionSafety.Evaluation.Models;

/// <summary>
/// The synthetic safety task behind the demo models. The minority segment follows a different rule on different
/// features, so the network spends a few, smaller weights on it: exactly what magnitude pruning removes first.
/// </summary>
public static class DemoData
{
    /// <summary>Number of features.</summary>
    public const int FeatureCount = 6;

    /// <summary>Label order of the demo model.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["safe", "unsafe"];

    /// <summary>Generates cases.</summary>
    /// <param name="count">Number of cases.</param>
    /// <param name="minorityFraction">Expected share of the minority segment.</param>
    /// <param name="seed">Random seed.</param>
    /// <returns>The cases.</returns>
    public static IReadOnlyList<DemoCase> Generate(int count, double minorityFraction, int seed)
    {
        var random = new Random(seed);
        var cases = new List<DemoCase>(count);
        for (var n = 0; n < count; n++)
        {
            var minority = random.NextDouble() < minorityFraction;
            var adversarial = random.NextDouble() < 0.1;
            var x = new float[FeatureCount];
            for (var k = 0; k < FeatureCount - 1; k++)
            {
                // Adversarial inputs sit outside the training range, where the fit is least constrained.
                x[k] = (float)(Normal(random) * (adversarial ? 2.5 : 1.0));
            }

            x[FeatureCount - 1] = minority ? 1f : 0f;
            var score = minority
                ? (1.2 * x[2]) - x[3] + (0.5 * x[4]) + 0.2
                : x[0] + (0.8 * x[1]) - 0.3;
            var label = score > 0 ? 1 : 0;
            if (random.NextDouble() < 0.03)
            {
                label = 1 - label;
            }

            var kind = adversarial ? SuiteKinds.Adversarial : Math.Abs(score) < 0.3 ? SuiteKinds.EdgeCase : SuiteKinds.Routine;
            cases.Add(new DemoCase(x, label, kind, minority ? "minority" : "majority"));
        }

        return cases;
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
