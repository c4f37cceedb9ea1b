namespace CompressionSafety.Evaluation.Models;

/// <summary>Trains <see cref="MlpWeights"/> with mini-batch Adam on softmax cross-entropy; fully determined by the seed.</summary>
public static class MlpTrainer
{
    /// <summary>Trains a classifier.</summary>
    /// <param name="features">Row-major features, <c>labels.Count * inputs</c> values.</param>
    /// <param name="labels">Class index per row.</param>
    /// <param name="inputs">Features per row.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="seed">Seed for initialization and shuffling.</param>
    /// <returns>The trained weights.</returns>
    public static MlpWeights Train(float[] features, int[] labels, int inputs, int hidden, int classes, int epochs, int seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var random = new Random(seed);
        var p = new double[][]
        {
            Init(random, inputs * hidden, Math.Sqrt(2.0 / inputs)), new double[hidden],
            Init(random, hidden * classes, Math.Sqrt(1.0 / hidden)), new double[classes],
        };
        var m = p.Select(a => new double[a.Length]).ToArray();
        var v = p.Select(a => new double[a.Length]).ToArray();
        var g = p.Select(a => new double[a.Length]).ToArray();
        var order = Enumerable.Range(0, labels.Length).ToArray();
        const int BatchSize = 32;
        const double Rate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        var step = 0;
        var h = new double[hidden];
        var probabilities = new double[classes];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += BatchSize)
            {
                foreach (var gradient in g)
                {
                    Array.Clear(gradient);
                }

                var end = Math.Min(order.Length, start + BatchSize);
                for (var n = start; n < end; n++)
                {
                    var row = order[n];
                    Backprop(p, g, features.AsSpan(row * inputs, inputs), labels[row], h, probabilities, 1.0 / (end - start));
                }

                step++;
                for (var t = 0; t < p.Length; t++)
                {
                    for (var k = 0; k < p[t].Length; k++)
                    {
                        m[t][k] = (Beta1 * m[t][k]) + ((1 - Beta1) * g[t][k]);
                        v[t][k] = (Beta2 * v[t][k]) + ((1 - Beta2) * g[t][k] * g[t][k]);
                        var mHat = m[t][k] / (1 - Math.Pow(Beta1, step));
                        var vHat = v[t][k] / (1 - Math.Pow(Beta2, step));
                        p[t][k] -= Rate * mHat / (Math.Sqrt(vHat) + Epsilon);
                    }
                }
            }
        }

        return new MlpWeights(inputs, hidden, classes, ToFloat(p[0]), ToFloat(p[1]), ToFloat(p[2]), ToFloat(p[3]));
    }

    private static void Backprop(double[][] p, double[][] g, ReadOnlySpan<float> x, int label, double[] h, double[] probabilities, double scale)
    {
        int hidden = h.Length, classes = probabilities.Length, inputs = x.Length;
        for (var j = 0; j < hidden; j++)
        {
            var sum = p[1][j];
            for (var i = 0; i < inputs; i++)
            {
                sum += x[i] * p[0][(i * hidden) + j];
            }

            h[j] = Math.Max(0, sum);
        }

        var max = double.NegativeInfinity;
        for (var c = 0; c < classes; c++)
        {
            var sum = p[3][c];
            for (var j = 0; j < hidden; j++)
            {
                sum += h[j] * p[2][(j * classes) + c];
            }

            probabilities[c] = sum;
            max = Math.Max(max, sum);
        }

        var total = 0.0;
        for (var c = 0; c < classes; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            total += probabilities[c];
        }

        for (var c = 0; c < classes; c++)
        {
            var dLogit = ((probabilities[c] / total) - (c == label ? 1 : 0)) * scale;
            g[3][c] += dLogit;
            for (var j = 0; j < hidden; j++)
            {
                g[2][(j * classes) + c] += dLogit * h[j];
            }
        }

        for (var j = 0; j < hidden; j++)
        {
            if (h[j] <= 0)
            {
                continue;
            }

            var dHidden = 0.0;
            for (var c = 0; c < classes; c++)
            {
                dHidden += (((probabilities[c] / total) - (c == label ? 1 : 0)) * scale) * p[2][(j * classes) + c];
            }

            g[1][j] += dHidden;
            for (var i = 0; i < inputs; i++)
            {
                g[0][(i * hidden) + j] += dHidden * x[i];
            }
        }
    }

    private static double[] Init(Random random, int length, double std)
    {
        var values = new double[length];
        for (var k = 0; k < length; k++)
        {
            // Box-Muller keeps initialization reproducible without a distribution library.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[k] = std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        return values;
    }

    private static float[] ToFloat(double[] values) => values.Select(x => (float)x).ToArray();
}
