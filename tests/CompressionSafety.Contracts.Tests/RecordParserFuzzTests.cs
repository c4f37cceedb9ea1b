namespace CompressionSafety.Contracts.Tests;

public sealed class RecordParserFuzzTests
{
    private static readonly byte[] Example = Records.Utf8(Records.SpecExample);

    [Fact]
    public void Parse_EveryTruncationOfValidRecord_RejectedWithoutThrowing()
    {
        for (var length = 0; length < Example.Length; length++)
        {
            var result = RecordParser.Parse(Example.AsSpan(0, length));

            // Only a cut inside trailing whitespace could still be valid; the example ends with '}'.
            Assert.False(result.IsValid, $"truncated to {length} bytes");
            Assert.NotNull(result.Rejection);
        }
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsAndAlwaysDecides()
    {
        var random = new Random(20261127);
        var buffer = new byte[256];
        for (var i = 0; i < 20_000; i++)
        {
            var span = buffer.AsSpan(0, random.Next(buffer.Length));
            random.NextBytes(span);
            AssertDecided(RecordParser.Parse(span));
        }
    }

    [Fact]
    public void Parse_RandomMutationsOfValidRecord_NeverThrowAndAlwaysDecide()
    {
        const string Alphabet = "{}[]\":,0123456789.eE+-ntfaulsrT Z\\u";
        var random = new Random(42);
        var copy = new byte[Example.Length];
        for (var i = 0; i < 20_000; i++)
        {
            Example.CopyTo(copy, 0);
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(copy.Length);
                copy[at] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)Alphabet[random.Next(Alphabet.Length)];
            }

            AssertDecided(RecordParser.Parse(copy));
        }
    }

    private static void AssertDecided(ParseResult result)
    {
        Assert.True(result.Record is null != result.Rejection is null);
        if (result.Rejection is { } rejection)
        {
            Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
            Assert.NotNull(rejection.Code.ToWire());
        }
    }
}
