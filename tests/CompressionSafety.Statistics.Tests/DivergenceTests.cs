namespace CompressionSafety.Statistics.Tests;

public sealed class DivergenceTests
{
    [Fact]
    public void Psi_EmptyBinFlooredAtEpsilon_UsesFloorWithoutRenormalising()
    {
        double[] reference = [0.5, 0.5, 0.0];
        double[] current = [0.4, 0.4, 0.2];

        var psi = Divergence.Psi(reference, current);

        var expected = 2 * (0.4 - 0.5) * Math.Log(0.4 / 0.5) + (0.2 - 1e-4) * Math.Log(0.2 / 1e-4);
        Assert.Equal(expected, psi, 15);
    }

    [Fact]
    public void JensenShannon_AllZeroInput_IsNaN()
    {
        Assert.True(double.IsNaN(Divergence.JensenShannon([0.0, 0.0], [0.5, 0.5])));
    }

    [Fact]
    public void JensenShannon_DisjointSupports_IsOneInBaseTwo()
    {
        Assert.Equal(1.0, Divergence.JensenShannon([1.0, 0.0], [0.0, 3.0]), 15);
    }

    [Fact]
    public void Hellinger_DisjointSupports_IsOne()
    {
        Assert.Equal(1.0, Divergence.Hellinger([2.0, 0.0], [0.0, 1.0]), 15);
    }

    [Fact]
    public void ToProportions_ZeroTotal_AllZeros()
    {
        Assert.Equal([0.0, 0.0, 0.0], Divergence.ToProportions([0L, 0L, 0L]));
    }

    [Fact]
    public void ToProportions_Counts_DividedByTotal()
    {
        Assert.Equal([0.25, 0.75], Divergence.ToProportions([1L, 3L]));
    }
}
