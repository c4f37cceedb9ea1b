namespace CompressionSafety.Simulation;

/// <summary>
/// The generator's single random source. A seeded <see cref="Random"/> is reproducible across runs and platforms,
/// which is what a simulation needs; nothing here is security-relevant.
/// </summary>
#pragma warning disable CA5394 // Reproducible simulation noise, not security.
internal sealed class Rng(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());

    // Always consumes one draw, so a degradation that changes p never shifts the rest of the stream.
    public bool Bernoulli(double p) => _random.NextDouble() < p;

    public double Normal()
    {
        // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public int Pick(ReadOnlySpan<double> cumulative)
    {
        var u = _random.NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length - 1; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    public int Next(int maxExclusive) => _random.Next(maxExclusive);
}
#pragma warning restore CA5394
