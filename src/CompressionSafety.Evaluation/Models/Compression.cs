namespace CompressionSafety.Evaluation.Models;

/// <summary>The weight transforms that make the compressed variants.</summary>
public static class Compression
{
    /// <summary>
    /// Symmetric int8 quantization per output channel (column of a row-major <c>[rows, columns]</c> matrix):
    /// scale = max |w| / 127, zero point 0, values rounded half to even and clamped to [-127, 127].
    /// </summary>
    /// <param name="w">The weights.</param>
    /// <param name="rows">Rows (inputs).</param>
    /// <param name="columns">Columns (output channels).</param>
    /// <returns>The quantized values and one scale per column.</returns>
    public static (sbyte[] Values, float[] Scales) QuantizePerColumn(float[] w, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(w);
        var scales = new float[columns];
        for (var j = 0; j < columns; j++)
        {
            var max = 0f;
            for (var i = 0; i < rows; i++)
            {
                max = Math.Max(max, Math.Abs(w[(i * columns) + j]));
            }

            // An all-zero column still needs a positive scale for DequantizeLinear.
            scales[j] = max > 0 ? max / 127f : 1f;
        }

        var values = new sbyte[w.Length];
        for (var k = 0; k < w.Length; k++)
        {
            values[k] = (sbyte)Math.Clamp(MathF.Round(w[k] / scales[k % columns], MidpointRounding.ToEven), -127, 127);
        }

        return (values, scales);
    }

    /// <summary>What DequantizeLinear computes: <c>(q - 0) * scale</c> per column, in float.</summary>
    /// <param name="values">Quantized values.</param>
    /// <param name="scales">Per-column scales.</param>
    /// <returns>The dequantized weights.</returns>
    public static float[] Dequantize(sbyte[] values, float[] scales)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(scales);
        var result = new float[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            result[k] = values[k] * scales[k % scales.Length];
        }

        return result;
    }

    /// <summary>Unstructured magnitude pruning: zeroes the given fraction of weights with the smallest magnitude.</summary>
    /// <param name="w">The weights.</param>
    /// <param name="fraction">Fraction to zero, in [0, 1].</param>
    /// <returns>The pruned copy.</returns>
    public static float[] Prune(float[] w, double fraction)
    {
        ArgumentNullException.ThrowIfNull(w);
        var order = Enumerable.Range(0, w.Length).OrderBy(k => Math.Abs(w[k])).ThenBy(k => k).ToArray();
        var result = (float[])w.Clone();
        var zeroed = (int)Math.Round(fraction * w.Length, MidpointRounding.AwayFromZero);
        for (var n = 0; n < zeroed; n++)
        {
            result[order[n]] = 0f;
        }

        return result;
    }

    /// <summary>Rounds weights to IEEE half precision.</summary>
    /// <param name="w">The weights.</param>
    /// <returns>The half values.</returns>
    public static Half[] ToHalf(float[] w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.Select(x => (Half)x).ToArray();
    }
}
