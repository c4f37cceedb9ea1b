namespace CompressionSafety.Simulation.Tests;

public class DegradationParseTests
{
    [Fact]
    public void Parse_FullSpec_AllParts()
    {
        var d = Degradation.Parse("variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.3");

        Assert.Equal(new Degradation("int8-dynamic", "locale", "de", DegradationKind.UnsafeMiss, TimeSpan.FromHours(6), null, 0.3), d);
        Assert.Equal(GeneratorOptions.DefaultStart.AddHours(6), d.StartsAt(GeneratorOptions.DefaultStart));
    }

    [Fact]
    public void Parse_Rfc3339StartAnyOrderNoSegment_AbsoluteStartAllTraffic()
    {
        var d = Degradation.Parse("kind=latency, size=1.5, start=2026-11-26T08:30:00+01:00, variant=pruned-50");

        Assert.Null(d.SegmentKey);
        Assert.Equal(DegradationKind.Latency, d.Kind);
        Assert.Equal(1.5, d.Size);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero), d.StartsAt(GeneratorOptions.DefaultStart));
    }

    [Theory]
    [InlineData("flagged-rate", DegradationKind.FlaggedRate)]
    [InlineData("refusal", DegradationKind.Refusal)]
    [InlineData("under-refusal", DegradationKind.UnderRefusal)]
    [InlineData("over-refusal", DegradationKind.OverRefusal)]
    [InlineData("calibration", DegradationKind.Calibration)]
    public void Parse_EachVariantKind_KindAndDefaultStartZero(string kind, DegradationKind expected)
    {
        var d = Degradation.Parse($"variant=v,kind={kind},size=0.1");

        Assert.Equal(expected, d.Kind);
        Assert.Equal(GeneratorOptions.DefaultStart, d.StartsAt(GeneratorOptions.DefaultStart));
    }

    [Fact]
    public void Parse_InputDriftCompoundDurationNegativeSize_NoVariant()
    {
        var d = Degradation.Parse("kind=input-drift,segment=channel:mobile,start=1h30m,size=-1.5");

        Assert.Null(d.Variant);
        Assert.Equal(TimeSpan.FromMinutes(90), d.StartOffset);
        Assert.Equal(-1.5, d.Size);
    }

    [Theory]
    [InlineData("variant=v,kind=unsafe-miss", "'size'")]
    [InlineData("variant=v,size=0.1", "'kind'")]
    [InlineData("variant=v,kind=oops,size=0.1", "'kind'")]
    [InlineData("kind=refusal,size=0.1", "'variant'")]
    [InlineData("model=,variant=v,kind=refusal,size=0.1", "'model'")]
    [InlineData("variant=v,kind=input-drift,size=1", "'variant'")]
    [InlineData("variant=v,kind=refusal,size=1.5", "'size'")]
    [InlineData("variant=v,kind=latency,size=-1", "'size'")]
    [InlineData("variant=v,kind=refusal,size=abc", "'size'")]
    [InlineData("variant=v,kind=refusal,size=0.1,start=yesterday", "'start'")]
    [InlineData("variant=v,kind=refusal,size=0.1,start=2026-11-26T08:00:00", "'start'")]
    [InlineData("variant=v,kind=refusal,size=0.1,segment=locale", "'segment'")]
    [InlineData("variant=v,kind=refusal,size=0.1,segment=country:de", "'segment'")]
    [InlineData("variant=v,kind=refusal,size=0.1,colour=red", "'colour'")]
    [InlineData("variant=v,kind=refusal,size=0.1,size=0.2", "'size'")]
    [InlineData("variant=v,kind=refusal,size", "'size'")]
    public void Parse_BadSpec_MessageNamesThePart(string spec, string part)
    {
        var ex = Assert.Throws<FormatException>(() => Degradation.Parse(spec));

        Assert.Contains(part, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ModelPart_RestrictsToThatModel()
    {
        var d = Degradation.Parse("model=assistant-llm,variant=int4,kind=under-refusal,size=0.4,start=2h");

        Assert.Equal("assistant-llm", d.Model);
        Assert.Equal(DegradationKind.UnderRefusal, d.Kind);
        Assert.Null(Degradation.Parse("variant=int4,kind=under-refusal,size=0.4").Model);
    }
}
