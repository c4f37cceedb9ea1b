using System.Text.Json;
using MathNet.Numerics;

namespace CompressionSafety.Statistics.Tests.Golden;

public sealed class CompareGoldenTests
{
    private static readonly JsonElement Root = Golden.Load("compare_golden.json");

    public static TheoryData<int> ProportionCases() => Indices("proportions");

    public static TheoryData<int> McNemarCases() => Indices("mcnemar");

    public static TheoryData<int> BenjaminiHochbergCases() => Indices("benjamini_hochberg");

    public static TheoryData<string> DetectorCases()
    {
        var data = new TheoryData<string>();
        foreach (var stream in Root.GetProperty("detectors").EnumerateArray())
        {
            data.Add(stream.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProportionCases))]
    public void Wilson_GoldenCase_MatchesStatsmodels(int index)
    {
        var c = Root.GetProperty("proportions")[index];
        var (x1, n1, x2, n2) = Counts(c);
        var w1 = Proportions.Wilson(x1, n1);
        var w2 = Proportions.Wilson(x2, n2);
        Golden.AssertClose(c.GetProperty("wilson1")[0].GetDouble(), w1.Low, "wilson1 low");
        Golden.AssertClose(c.GetProperty("wilson1")[1].GetDouble(), w1.High, "wilson1 high");
        Golden.AssertClose(c.GetProperty("wilson2")[0].GetDouble(), w2.Low, "wilson2 low");
        Golden.AssertClose(c.GetProperty("wilson2")[1].GetDouble(), w2.High, "wilson2 high");
    }

    [Theory]
    [MemberData(nameof(ProportionCases))]
    public void NewcombeDifference_GoldenCase_MatchesStatsmodels(int index)
    {
        var c = Root.GetProperty("proportions")[index];
        var (x1, n1, x2, n2) = Counts(c);
        var interval = Proportions.NewcombeDifference(x1, n1, x2, n2);
        Golden.AssertClose(c.GetProperty("newcombe")[0].GetDouble(), interval.Low, "newcombe low");
        Golden.AssertClose(c.GetProperty("newcombe")[1].GetDouble(), interval.High, "newcombe high");
    }

    [Theory]
    [MemberData(nameof(ProportionCases))]
    public void TwoProportionZTest_GoldenCase_MatchesStatsmodels(int index)
    {
        var c = Root.GetProperty("proportions")[index];
        var (x1, n1, x2, n2) = Counts(c);
        var test = Proportions.TwoProportionZTest(x1, n1, x2, n2);
        Golden.AssertClose(c.GetProperty("difference").GetDouble(), test.Difference, "difference");
        Golden.AssertClose(c.GetProperty("z").GetDouble(), test.Z, "z");
        Golden.AssertClose(c.GetProperty("p_value").GetDouble(), test.PValue, "p");
    }

    [Theory]
    [MemberData(nameof(McNemarCases))]
    public void McNemarTest_GoldenCase_MatchesScipyAndStatsmodels(int index)
    {
        var c = Root.GetProperty("mcnemar")[index];
        var result = McNemar.Test(c.GetProperty("b").GetInt64(), c.GetProperty("c").GetInt64());
        Golden.AssertClose(c.GetProperty("p_value_exact").GetDouble(), result.PValueExact, "exact p");
        Golden.AssertClose(c.GetProperty("statistic_chi2").GetDouble(), result.StatisticChi2, "chi2");
        Golden.AssertClose(c.GetProperty("p_value_chi2").GetDouble(), result.PValueChi2, "chi2 p");
    }

    [Theory]
    [MemberData(nameof(BenjaminiHochbergCases))]
    public void BenjaminiHochberg_GoldenCase_MatchesStatsmodels(int index)
    {
        var c = Root.GetProperty("benjamini_hochberg")[index];
        var expected = Golden.Doubles(c.GetProperty("adjusted"));
        var actual = MultipleTesting.BenjaminiHochberg(Golden.Doubles(c.GetProperty("p_values")));
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Golden.AssertClose(expected[i], actual[i], $"adjusted[{i}]");
        }
    }

    [Fact]
    public void MathNetBinomialAndTails_GoldenValues_MatchScipy()
    {
        var distributions = Root.GetProperty("distributions");
        foreach (var c in distributions.GetProperty("binomial_half_cdf").EnumerateArray())
        {
            var k = c.GetProperty("k").GetInt64();
            var n = c.GetProperty("n").GetInt64();
            var actual = k >= n ? 1.0 : SpecialFunctions.BetaRegularized(n - k, k + 1.0, 0.5);
            Golden.AssertClose(c.GetProperty("cdf").GetDouble(), actual, $"binom.cdf({k}; {n}, 1/2)");
        }

        foreach (var c in distributions.GetProperty("chi2_1_sf").EnumerateArray())
        {
            var x = c.GetProperty("x").GetDouble();
            Golden.AssertClose(c.GetProperty("sf").GetDouble(), NormalTail.ChiSquare1Survival(x), $"chi2.sf({x}, 1)");
        }

        foreach (var c in distributions.GetProperty("normal_two_sided").EnumerateArray())
        {
            var z = c.GetProperty("z").GetDouble();
            Golden.AssertClose(c.GetProperty("two_sided").GetDouble(), NormalTail.TwoSided(z), $"2 sf({z})");
        }
    }

    [Theory]
    [MemberData(nameof(DetectorCases))]
    public void Detect_GoldenStream_MatchesReferenceImplementation(string name)
    {
        var stream = Root.GetProperty("detectors").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        var values = Golden.Doubles(stream.GetProperty("values"));
        var expected = stream.GetProperty("detections");
        Assert.Equal(Ints(expected.GetProperty("page-hinkley")), ChangeDetection.Detect(new PageHinkley(), values));
        Assert.Equal(Ints(expected.GetProperty("cusum")), ChangeDetection.Detect(new Cusum(), values));
        Assert.Equal(Ints(expected.GetProperty("ewma")), ChangeDetection.Detect(new EwmaChart(), values));
        Assert.Equal(Ints(expected.GetProperty("adwin")), ChangeDetection.Detect(new Adwin(), values));
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static (long X1, long N1, long X2, long N2) Counts(JsonElement c) =>
        (c.GetProperty("x1").GetInt64(), c.GetProperty("n1").GetInt64(), c.GetProperty("x2").GetInt64(), c.GetProperty("n2").GetInt64());

    private static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Root.GetProperty(section).GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }
}
