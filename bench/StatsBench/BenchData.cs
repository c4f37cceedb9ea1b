namespace StatsBench;

/// <summary>The benchmark's inputs, generated from a fixed seed and shared with the scipy side through raw files.</summary>
internal sealed class BenchData
{
    public required double[] Reference { get; init; }
    public required double[] Current { get; init; }
    public required double[] Probabilities { get; init; }
    public required bool[] Labels { get; init; }

    public static BenchData Generate(int size, int seed)
    {
        var random = new Random(seed);
        var reference = new double[size];
        var current = new double[size];
        var probabilities = new double[size];
        var labels = new bool[size];
        for (var i = 0; i < size; i++)
        {
            reference[i] = Normal(random);
            current[i] = 0.005 + Normal(random);
            probabilities[i] = random.NextDouble();
            labels[i] = random.NextDouble() < Math.Pow(probabilities[i], 1.2);
        }

        return new BenchData { Reference = reference, Current = current, Probabilities = probabilities, Labels = labels };
    }

    /// <summary>Writes little-endian float64 files that numpy reads with <c>numpy.fromfile</c>.</summary>
    public void WriteTo(string folder)
    {
        Write(Path.Combine(folder, "reference.f64"), Reference);
        Write(Path.Combine(folder, "current.f64"), Current);
        Write(Path.Combine(folder, "probability.f64"), Probabilities);
        Write(Path.Combine(folder, "label.f64"), Labels.Select(l => l ? 1.0 : 0.0).ToArray());
    }

    private static void Write(string path, double[] values)
    {
        using var stream = File.Create(path);
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static double Normal(Random random)
    {
        // Box-Muller; 1 - U keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
