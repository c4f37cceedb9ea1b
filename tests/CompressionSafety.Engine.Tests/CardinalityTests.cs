using CompressionSafety.Contracts;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

/// <summary>Model and variant names are bounded like slices (issue 16: 100,000 model names took 2.1 GB).</summary>
public sealed class CardinalityTests
{
    [Fact]
    public void Process_MoreModelsThanMaxModels_RefusesTheRestAsTooManyModels()
    {
        var engine = new WindowEngine(new EngineOptions { MaxModels = 3 });

        var outcomes = Enumerable.Range(0, 10).Select(i => engine.Process(Prediction(T0.AddSeconds(i), model: "m" + i))).ToList();

        Assert.Equal(3, outcomes.Count(o => o == RecordOutcome.Accepted));
        Assert.Equal(7, engine.Counters.ModelOverflow);
        Assert.Equal(RecordOutcome.Accepted, engine.Process(Prediction(T0.AddSeconds(11), model: "m1")));
        var rejection = engine.DescribeOverflow(Prediction(T0, model: "m9"));
        Assert.Equal((RejectionCode.TooManyModels, "model"), (rejection.Code, rejection.Field));
        engine.Flush();
        Assert.Equal(["m0", "m1", "m2"], engine.TakeResults().Select(r => r.Key.Model).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Process_MoreVariantsThanTheCap_RefusesTheRestButAlwaysKeepsTheBaseline()
    {
        var engine = new WindowEngine(new EngineOptions { MaxVariantsPerModel = 2 });

        var outcomes = new[] { "int8", "int4", "pruned", "baseline" }.Select((v, i) => engine.Process(Prediction(T0.AddSeconds(i), variant: v))).ToList();

        Assert.Equal([RecordOutcome.Accepted, RecordOutcome.Accepted, RecordOutcome.KeyOverflow, RecordOutcome.Accepted], outcomes);
        Assert.Equal(1, engine.Counters.VariantOverflow);
        Assert.Equal(RejectionCode.TooManyVariants, engine.DescribeOverflow(Prediction(T0, variant: "pruned")).Code);
        Assert.Equal("too_many_variants", RejectionCode.TooManyVariants.ToWire());
        Assert.Equal("too_many_models", RejectionCode.TooManyModels.ToWire());
    }
}
