using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CompressionSafety.Evaluation.Onnx;

/// <summary>
/// The few protobuf wire-format primitives ONNX needs: varints, length-delimited fields and packed scalars.
/// Nested messages are written into their own writer first because a length prefix must precede the bytes.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintWire = 0;
    private const int Fixed32Wire = 5;
    private const int LengthDelimitedWire = 2;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWire);
        WriteVarint(unchecked((ulong)value));
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32Wire);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWire);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.ToArray());

    /// <summary>Repeated int64 as one packed field, the proto3 default encoding.</summary>
    public void WritePackedInt64(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values)
        {
            packed.WriteVarint(unchecked((ulong)value));
        }

        WriteBytes(field, packed.ToArray());
    }

    internal void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);
}
