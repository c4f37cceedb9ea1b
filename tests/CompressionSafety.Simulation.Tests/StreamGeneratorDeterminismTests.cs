namespace CompressionSafety.Simulation.Tests;

public class StreamGeneratorDeterminismTests
{
    private static readonly GeneratorOptions Dirty = new()
    {
        Records = 5_000,
        InvalidRate = 0.01,
        DuplicateRate = 0.01,
        LateRate = 0.01,
        Degradations = [Degradation.Parse("variant=int8-dynamic,kind=calibration,start=6h,size=0.5")],
    };

    [Fact]
    public void Generate_SameSeedTwice_SameBytes()
    {
        var first = Flatten(Dirty);
        var second = Flatten(Dirty);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentBytes()
    {
        var first = Flatten(Dirty);
        var second = Flatten(Dirty with { Seed = 43 });

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void WriteToStreams_SameSeed_SameFileBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        var summary = StreamFileWriter.Write(Dirty, first, null);
        StreamFileWriter.Write(Dirty, second, null);

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(summary.Total, first.ToArray().Count(b => b == (byte)'\n'));
    }

    private static byte[] Flatten(GeneratorOptions options)
    {
        using var buffer = new MemoryStream();
        foreach (var line in StreamGenerator.Generate(options))
        {
            buffer.Write(line.Utf8.Span);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }
}
