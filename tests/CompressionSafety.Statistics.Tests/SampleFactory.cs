namespace CompressionSafety.Statistics.Tests;

/// <summary>Turns an FsCheck-chosen seed into samples, so each case is reproducible from its seed alone.</summary>
internal static class SampleFactory
{
    public static double[] Sample(int seed, int maxSize = 60)
    {
        var random = new Random(seed);
        var size = random.Next(1, maxSize + 1);
        var shift = random.NextDouble() * 2 - 1;
        // Rounding to a coarse grid half of the time puts ties into the samples.
        var coarse = random.Next(2) == 0;
        var values = new double[size];
        for (var i = 0; i < size; i++)
        {
            var x = shift + random.NextDouble() * 3;
            values[i] = coarse ? Math.Round(x, 1) : x;
        }

        return values;
    }

    public static (double[] Probabilities, bool[] Labels) Predictions(int seed)
    {
        var random = new Random(seed);
        var size = random.Next(1, 200);
        var p = new double[size];
        var y = new bool[size];
        for (var i = 0; i < size; i++)
        {
            p[i] = random.Next(10) == 0 ? random.Next(2) : random.NextDouble();
            y[i] = random.NextDouble() < p[i];
        }

        return (p, y);
    }
}
