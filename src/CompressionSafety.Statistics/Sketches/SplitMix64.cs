namespace CompressionSafety.Statistics;

/// <summary>
/// SplitMix64 generator: a fixed, documented sequence for a given seed, so sketches are reproducible across runtimes
/// (System.Random's seeded sequence is an implementation detail).
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    /// <summary>The generator's whole state, for snapshots.</summary>
    public ulong State { get; set; } = seed;

    public ulong Next()
    {
        unchecked
        {
            State += 0x9E3779B97F4A7C15UL;
            var z = State;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public bool NextBit() => (Next() >> 63) != 0;

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
