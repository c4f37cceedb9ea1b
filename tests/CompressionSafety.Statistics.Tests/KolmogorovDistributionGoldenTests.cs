namespace CompressionSafety.Statistics.Tests;

public sealed class KolmogorovDistributionGoldenTests
{
    public static TheoryData<int, double, double, double> Points()
    {
        var data = new TheoryData<int, double, double, double>();
        foreach (var p in GoldenData.Root.GetProperty("kstwo").EnumerateArray())
        {
            data.Add(p.GetProperty("n").GetInt32(), p.GetProperty("x").GetDouble(), p.GetProperty("sf").GetDouble(), p.GetProperty("smirnov").GetDouble());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Sf_GridPoint_MatchesScipyKstwo(int n, double x, double expectedSf, double expectedSmirnov)
    {
        _ = expectedSmirnov;
        Tolerance.Close(expectedSf, KolmogorovDistribution.Sf(n, x), $"kstwo.sf({x:R}, {n})");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void SmirnovSf_GridPoint_MatchesScipySmirnov(int n, double x, double expectedSf, double expectedSmirnov)
    {
        _ = expectedSf;
        Tolerance.Close(expectedSmirnov, KolmogorovDistribution.SmirnovSf(n, x), $"smirnov({n}, {x:R})");
    }
}
