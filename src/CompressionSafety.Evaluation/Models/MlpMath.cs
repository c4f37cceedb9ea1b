namespace CompressionSafety.Evaluation.Models;

/// <summary>
/// Plain float forward pass, the reference each ONNX variant is checked against. Float (not double) accumulation
/// keeps it comparable with ONNX Runtime's fp32 kernels.
/// </summary>
public static class MlpMath
{
    /// <summary>Softmax probabilities for a batch.</summary>
    /// <param name="weights">The model.</param>
    /// <param name="batch">Rows x inputs, row-major.</param>
    /// <param name="rows">Number of rows.</param>
    /// <returns>Rows x classes probabilities.</returns>
    public static float[] Forward(MlpWeights weights, ReadOnlySpan<float> batch, int rows)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var hidden = Dense(batch, rows, weights.Inputs, weights.W1, weights.B1, weights.Hidden);
        Relu(hidden);
        var logits = Dense(hidden, rows, weights.Hidden, weights.W2, weights.B2, weights.Classes);
        SoftmaxRows(logits, weights.Classes);
        return logits;
    }

    internal static float[] Dense(ReadOnlySpan<float> x, int rows, int inputs, float[] w, float[] b, int outputs)
    {
        var y = new float[rows * outputs];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outputs; j++)
            {
                var sum = 0f;
                for (var i = 0; i < inputs; i++)
                {
                    sum += x[(r * inputs) + i] * w[(i * outputs) + j];
                }

                y[(r * outputs) + j] = sum + b[j];
            }
        }

        return y;
    }

    internal static void Relu(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(0f, values[i]);
        }
    }

    internal static void SoftmaxRows(Span<float> values, int columns)
    {
        for (var start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            var max = float.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            var sum = 0f;
            for (var k = 0; k < row.Length; k++)
            {
                row[k] = MathF.Exp(row[k] - max);
                sum += row[k];
            }

            for (var k = 0; k < row.Length; k++)
            {
                row[k] /= sum;
            }
        }
    }
}
