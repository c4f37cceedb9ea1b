using System.Runtime.InteropServices;

namespace CompressionSafety.Evaluation.Onnx;

/// <summary>A named constant tensor (an initializer), stored as little-endian raw bytes as ONNX's raw_data expects.</summary>
/// <param name="Name">The initializer name nodes refer to.</param>
/// <param name="DataType">The element type.</param>
/// <param name="Dims">The shape.</param>
/// <param name="RawData">The elements, little-endian, row-major.</param>
internal sealed record OnnxTensor(string Name, OnnxDataType DataType, IReadOnlyList<long> Dims, ReadOnlyMemory<byte> RawData)
{
    /// <summary>A float tensor.</summary>
    /// <param name="name">Initializer name.</param>
    /// <param name="dims">Shape.</param>
    /// <param name="values">Values, row-major.</param>
    /// <returns>The tensor.</returns>
    public static OnnxTensor Float(string name, long[] dims, float[] values) =>
        new(name, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A half-precision tensor.</summary>
    /// <param name="name">Initializer name.</param>
    /// <param name="dims">Shape.</param>
    /// <param name="values">Values, row-major.</param>
    /// <returns>The tensor.</returns>
    public static OnnxTensor Half(string name, long[] dims, Half[] values) =>
        new(name, OnnxDataType.Float16, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A signed 8-bit tensor.</summary>
    /// <param name="name">Initializer name.</param>
    /// <param name="dims">Shape.</param>
    /// <param name="values">Values, row-major.</param>
    /// <returns>The tensor.</returns>
    public static OnnxTensor Int8(string name, long[] dims, sbyte[] values) =>
        new(name, OnnxDataType.Int8, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A 64-bit integer tensor.</summary>
    /// <param name="name">Initializer name.</param>
    /// <param name="dims">Shape.</param>
    /// <param name="values">Values, row-major.</param>
    /// <returns>The tensor.</returns>
    public static OnnxTensor Int64(string name, long[] dims, long[] values) =>
        new(name, OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
}
