
namespace CompressionSafety.Statistics.Tests.Comparison;

public sealed class ProportionsTests
{
    [Fact]
    public void Wilson_NoTrials_ReturnsZeroToOne()
    {
        Assert.Equal(new Interval(0.0, 1.0), Proportions.Wilson(0, 0));
    }

    [Fact]
    public void Wilson_SuccessesAboveTrials_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(3, 2));
    }

    [Fact]
    public void Wilson_ZeroSuccesses_LowerEndIsZero()
    {
        Assert.Equal(0.0, Proportions.Wilson(0, 25).Low);
        Assert.Equal(1.0, Proportions.Wilson(25, 25).High);
    }

    [Fact]
    public void NewcombeDifference_EmptySide_ReturnsWholeRange()
    {
        Assert.Equal(new Interval(-1.0, 1.0), Proportions.NewcombeDifference(0, 0, 3, 10));
    }

    [Fact]
    public void TwoProportionZTest_PooledRateZero_ReturnsNoEvidence()
    {
        Assert.Equal(new TwoProportionTest(0.0, 0.0, 1.0), Proportions.TwoProportionZTest(0, 10, 0, 30));
    }

    [Fact]
    public void TwoProportionZTest_EmptySide_ReturnsNoEvidence()
    {
        Assert.Equal(new TwoProportionTest(0.0, 0.0, 1.0), Proportions.TwoProportionZTest(1, 10, 0, 0));
    }

    [Fact]
    public void McNemarTest_NoDiscordantPairs_PValuesAreOne()
    {
        Assert.Equal(new McNemarResult(0, 0, 1.0, 0.0, 1.0), McNemar.Test(0, 0));
    }

    [Fact]
    public void BenjaminiHochberg_Empty_ReturnsEmpty()
    {
        Assert.Empty(MultipleTesting.BenjaminiHochberg([]));
    }

    [Fact]
    public void BenjaminiHochberg_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.BenjaminiHochberg([0.1, 1.5]));
    }
}
