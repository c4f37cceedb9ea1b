using CompressionSafety.Evaluation.Onnx;

namespace CompressionSafety.Evaluation.Tests;

public sealed class ProtoWriterTests
{
    [Fact]
    public void WriteInt64_MultiByteVarint_MatchesProtobufEncoding()
    {
        var writer = new ProtoWriter();

        writer.WriteInt64(1, 300);

        // Protobuf documentation's example: field 1 varint 300 is 08 AC 02.
        Assert.Equal([0x08, 0xAC, 0x02], writer.ToArray());
    }

    [Fact]
    public void WriteString_LengthDelimited_PrefixesLength()
    {
        var writer = new ProtoWriter();

        writer.WriteString(2, "testing");

        Assert.Equal([0x12, 0x07, (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'i', (byte)'n', (byte)'g'], writer.ToArray());
    }
}
