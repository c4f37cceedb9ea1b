using FsCheck.Xunit;

namespace CompressionSafety.Statistics.Tests;

public sealed class DriftPropertyTests
{
    // A fixed replay seed keeps the generated cases identical on every run.
    private const string Seed = "(20261127,11)";

    [Property(Replay = Seed, MaxTest = 200)]
    public bool NumericDrift_IdenticalSamples_PsiAndJensenShannonZero(int seed)
    {
        var sample = SampleFactory.Sample(seed);
        var result = NumericDrift.Compute(sample, sample);
        return result.Psi == 0 && result.JensenShannon == 0 && result.Hellinger == 0 && result.Ks.Statistic == 0 && result.Ks.PValue == 1;
    }

    [Property(Replay = Seed, MaxTest = 200)]
    public bool JensenShannon_SwappedArguments_Symmetric(int seedA, int seedB)
    {
        var bins = QuantileBins.Fit(SampleFactory.Sample(seedA), 10);
        var p = Divergence.ToProportions(bins.CountValues(SampleFactory.Sample(seedA)));
        var q = Divergence.ToProportions(bins.CountValues(SampleFactory.Sample(seedB)));
        return Divergence.JensenShannon(p, q) == Divergence.JensenShannon(q, p)
            && Divergence.Hellinger(p, q) == Divergence.Hellinger(q, p);
    }

    [Property(Replay = Seed, MaxTest = 200)]
    public bool NumericDrift_AnySamples_PsiNonNegativeAndDistancesBounded(int seedA, int seedB)
    {
        var result = NumericDrift.Compute(SampleFactory.Sample(seedA), SampleFactory.Sample(seedB));
        return result.Psi >= 0
            && result.JensenShannon is >= 0 and <= 1
            && result.Hellinger is >= 0 and <= 1
            && result.Wasserstein >= 0;
    }

    [Property(Replay = Seed, MaxTest = 200)]
    public bool KolmogorovSmirnov_AnySamples_PValueInUnitInterval(int seedA, int seedB)
    {
        var result = KolmogorovSmirnov.TwoSample(SampleFactory.Sample(seedA), SampleFactory.Sample(seedB));
        return result.PValue is >= 0 and <= 1 && result.Statistic is >= 0 and <= 1;
    }

    [Property(Replay = Seed, MaxTest = 20)]
    public bool KolmogorovSmirnov_LargeSamples_AsymptoticPValueInUnitInterval(int seedA, int seedB)
    {
        var a = SampleFactory.Sample(seedA, 12000);
        var b = SampleFactory.Sample(seedB, 300);
        var big = a.Length > KolmogorovSmirnov.MaxExactSize ? a : a.Concat(new double[KolmogorovSmirnov.MaxExactSize + 1 - a.Length]).ToArray();
        var result = KolmogorovSmirnov.TwoSample(big, b);
        return result.Method == KsMethod.Asymptotic && result.PValue is >= 0 and <= 1;
    }

    [Property(Replay = Seed, MaxTest = 200)]
    public bool ChiSquareHomogeneity_AnyCounts_PValueInUnitInterval(int seedA)
    {
        var random = new Random(seedA);
        var k = random.Next(1, 8);
        var a = Enumerable.Range(0, k).Select(_ => (long)random.Next(0, 50)).ToArray();
        var b = Enumerable.Range(0, k).Select(_ => (long)random.Next(0, 50)).ToArray();
        a[0]++;
        b[0]++;
        var result = ChiSquare.Homogeneity(a, b);
        return result.PValue is >= 0 and <= 1 && result.Statistic >= 0;
    }
}
