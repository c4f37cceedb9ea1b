using System.Text.Json;

namespace CompressionSafety.Statistics.Tests;

public sealed class CalibrationGoldenTests
{
    public static TheoryData<string> Cases => GoldenData.Names("calibration");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_GoldenCase_MatchesSklearn(string name)
    {
        var c = GoldenData.Case("calibration", name);
        var p = GoldenData.Doubles(c.GetProperty("probability"));
        var y = GoldenData.Longs(c.GetProperty("label")).Select(v => v == 1).ToArray();

        var result = Calibration.Compute(p, y, c.GetProperty("bins_requested").GetInt32());

        Assert.Equal(p.Length, result.Count);
        Tolerance.Close(c.GetProperty("ece").GetDouble(), result.Ece, "ece");
        Tolerance.Close(c.GetProperty("mce").GetDouble(), result.Mce, "mce");
        Tolerance.Close(c.GetProperty("ace").GetDouble(), result.Ace, "ace");
        Tolerance.Close(c.GetProperty("brier").GetDouble(), result.Brier, "brier");
        Tolerance.Close(c.GetProperty("log_loss").GetDouble(), result.LogLoss, "log loss");
        var expectedBins = c.GetProperty("bins").EnumerateArray().ToArray();
        Assert.Equal(expectedBins.Length, result.Bins.Count);
        for (var b = 0; b < expectedBins.Length; b++)
        {
            var e = expectedBins[b];
            var actual = result.Bins[b];
            Assert.Equal(e.GetProperty("count").GetInt64(), actual.Count);
            if (e.GetProperty("mean_probability").ValueKind == JsonValueKind.Null)
            {
                Assert.True(double.IsNaN(actual.MeanProbability));
                Assert.True(double.IsNaN(actual.FractionPositive));
                continue;
            }

            Tolerance.Close(e.GetProperty("mean_probability").GetDouble(), actual.MeanProbability, $"bin {b} mean probability");
            Tolerance.Close(e.GetProperty("fraction_positive").GetDouble(), actual.FractionPositive, $"bin {b} fraction positive");
        }
    }
}
