namespace CompressionSafety.Statistics.Tests;

public sealed class NumericDriftGoldenTests
{
    public static TheoryData<string> Cases => GoldenData.Names("numeric");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_GoldenCase_MatchesScipy(string name)
    {
        var c = GoldenData.Case("numeric", name);
        var reference = GoldenData.Doubles(c.GetProperty("reference"));
        var current = GoldenData.Doubles(c.GetProperty("current"));

        var result = NumericDrift.Compute(reference, current, c.GetProperty("bins_requested").GetInt32());

        var ks = c.GetProperty("ks");
        Assert.Equal(ks.GetProperty("method").GetString(), result.Ks.MethodName);
        Tolerance.Close(ks.GetProperty("statistic").GetDouble(), result.Ks.Statistic, "ks statistic");
        Tolerance.Close(ks.GetProperty("p_value").GetDouble(), result.Ks.PValue, "ks p-value");
        Assert.Equal(c.GetProperty("bins").GetInt32(), result.Bins);
        Tolerance.Close(c.GetProperty("psi").GetDouble(), result.Psi, "psi");
        Tolerance.Close(c.GetProperty("jensen_shannon").GetDouble(), result.JensenShannon, "jensen-shannon");
        Tolerance.Close(c.GetProperty("wasserstein").GetDouble(), result.Wasserstein, "wasserstein");
        Tolerance.Close(c.GetProperty("hellinger").GetDouble(), result.Hellinger, "hellinger");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void QuantileBinsFit_GoldenCase_EdgesEqualNumpy(string name)
    {
        var c = GoldenData.Case("numeric", name);
        var bins = QuantileBins.Fit(GoldenData.Doubles(c.GetProperty("reference")), c.GetProperty("bins_requested").GetInt32());

        Assert.Equal(GoldenData.Doubles(c.GetProperty("edges")), bins.Edges);
    }
}
