namespace CompressionSafety.Evaluation.Models;

/// <summary>
/// C# mirror of ONNX DynamicQuantizeLinear + MatMulInteger: the activation tensor (the whole batch) is quantized to
/// uint8 with a range that always includes 0, multiplied in integers and rescaled in float.
/// </summary>
internal static class DynamicQuantization
{
    public static float[] Forward(MlpWeights w, (sbyte[] Values, float[] Scales) q1, (sbyte[] Values, float[] Scales) q2, ReadOnlySpan<float> batch, int rows)
    {
        var hidden = Layer(batch, rows, w.Inputs, q1, w.B1, w.Hidden);
        MlpMath.Relu(hidden);
        var logits = Layer(hidden, rows, w.Hidden, q2, w.B2, w.Classes);
        MlpMath.SoftmaxRows(logits, w.Classes);
        return logits;
    }

    private static float[] Layer(ReadOnlySpan<float> x, int rows, int inputs, (sbyte[] Values, float[] Scales) q, float[] bias, int outputs)
    {
        var min = 0f;
        var max = 0f;
        foreach (var value in x)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var scale = (max - min) / 255f;
        var zeroPoint = (int)Math.Clamp(MathF.Round(-min / scale, MidpointRounding.ToEven), 0, 255);
        var y = new float[rows * outputs];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outputs; j++)
            {
                var accumulator = 0;
                for (var i = 0; i < inputs; i++)
                {
                    var xq = (int)Math.Clamp(MathF.Round(x[(r * inputs) + i] / scale, MidpointRounding.ToEven) + zeroPoint, 0, 255);
                    accumulator += (xq - zeroPoint) * q.Values[(i * outputs) + j];
                }

                y[(r * outputs) + j] = ((float)accumulator * (scale * q.Scales[j])) + bias[j];
            }
        }

        return y;
    }
}
