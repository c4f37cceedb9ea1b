namespace CompressionSafety.Evaluation.Models;

/// <summary>The weight transforms that make the compressed variants.</summary>
public static class Compression
{
    /// <summary>The largest magnitude of a full-range int8 weight.</summary>
    public const int FullRange = 127;

    /// <summary>
    /// The largest magnitude of a 7-bit weight (ONNX Runtime's <c>reduce_range</c>, range [-64, 64]): two products
    /// of a uint8 activation and such a weight sum to at most 2 x 255 x 64 = 32640, so the int16 pair sums of the
    /// AVX2 / AVX-512 u8s8 kernels without VNNI (<c>VPMADDUBSW</c>) cannot saturate.
    /// </summary>
    public const int ReducedRange = 64;

    /// <summary>
    /// Symmetric int8 quantization per output channel (column of a row-major <c>[rows, columns]</c> matrix):
    /// scale = max |w| / <paramref name="limit"/>, zero point 0, values rounded half to even and clamped to
    /// [-limit, limit].
    /// </summary>
    /// <param name="w">The weights.</param>
    /// <param name="rows">Rows (inputs).</param>
    /// <param name="columns">Columns (output channels).</param>
    /// <param name="limit">Largest quantized magnitude: <see cref="FullRange"/> or <see cref="ReducedRange"/>.</param>
    /// <returns>The quantized values and one scale per column.</returns>
    public static (sbyte[] Values, float[] Scales) QuantizePerColumn(float[] w, int rows, int columns, int limit = FullRange)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, FullRange);
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
            scales[j] = max > 0 ? max / limit : 1f;
        }

        var values = new sbyte[w.Length];
        for (var k = 0; k < w.Length; k++)
        {
            values[k] = (sbyte)Math.Clamp(MathF.Round(w[k] / scales[k % columns], MidpointRounding.ToEven), -limit, limit);
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
