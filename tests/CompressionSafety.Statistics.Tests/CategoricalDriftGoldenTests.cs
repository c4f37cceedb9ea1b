namespace CompressionSafety.Statistics.Tests;

public sealed class CategoricalDriftGoldenTests
{
    public static TheoryData<string> Cases => GoldenData.Names("categorical");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_GoldenCase_MatchesScipy(string name)
    {
        var c = GoldenData.Case("categorical", name);
        var a = GoldenData.Longs(c.GetProperty("reference_counts"));
        var b = GoldenData.Longs(c.GetProperty("current_counts"));
        var categories = Enumerable.Range(0, a.Length).Select(i => $"c{i}").ToArray();

        var result = CategoricalDrift.Compute(categories, a, b);

        var chi = c.GetProperty("chi_square");
        Assert.Equal(chi.GetProperty("dof").GetInt32(), result.ChiSquare.DegreesOfFreedom);
        Tolerance.Close(chi.GetProperty("statistic").GetDouble(), result.ChiSquare.Statistic, "chi2 statistic");
        Tolerance.Close(chi.GetProperty("p_value").GetDouble(), result.ChiSquare.PValue, "chi2 p-value");
        Tolerance.Close(c.GetProperty("psi").GetDouble(), result.Psi, "psi");
        Tolerance.Close(c.GetProperty("jensen_shannon").GetDouble(), result.JensenShannon, "jensen-shannon");
    }
}
