using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public class InputDriftTests
{
    private static Dictionary<DateTimeOffset, IReadOnlyDictionary<string, double>> Drift(double shiftInLastWindow)
    {
        var engine = new WindowEngine(new EngineOptions { InputReferenceWindows = 3 });
        var random = new Random(11);
        for (var window = 0; window < 5; window++)
        {
            for (var i = 0; i < 2000; i++)
            {
                var length = 200 + (50 * Gaussian(random)) + (window == 4 ? shiftInLastWindow : 0);
                engine.Process(Prediction(T0.AddMinutes((window * 5) + (i * 0.002)), length: length));
            }
        }

        engine.Flush();
        return engine.TakeResults()
            .Where(r => r.Kind == WindowKind.Traffic)
            .ToDictionary(
                r => r.WindowStart,
                r => r.References.SingleOrDefault(c => c.Reference == ReferenceNames.InputReference)?.Values ?? new Dictionary<string, double>());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Observe_ReferenceWindows_CarryNoDriftValues()
    {
        var drift = Drift(0);

        Assert.Empty(drift[T0]);
        Assert.Empty(drift[T0.AddMinutes(10)]);
        Assert.Equal(6000, drift[T0.AddMinutes(15)]["reference_count"]);
    }

    [Fact]
    public void Observe_SameDistribution_SmallPsi()
    {
        var drift = Drift(0);

        Assert.InRange(drift[T0.AddMinutes(15)]["input_length_psi"], 0, 0.02);
        Assert.InRange(drift[T0.AddMinutes(20)]["input_length_psi"], 0, 0.02);
    }

    [Fact]
    public void Observe_ShiftedByOneStandardDeviation_LargePsiOnlyInShiftedWindow()
    {
        var drift = Drift(50);

        Assert.InRange(drift[T0.AddMinutes(15)]["input_length_psi"], 0, 0.02);
        Assert.True(drift[T0.AddMinutes(20)]["input_length_psi"] > 0.5, $"psi {drift[T0.AddMinutes(20)]["input_length_psi"]}");
        Assert.True(drift[T0.AddMinutes(20)]["input_length_js"] > 0.2);
    }
}
