namespace CompressionSafety.Evaluation.Onnx;

/// <summary>The ONNX <c>TensorProto.DataType</c> values this project writes.</summary>
internal enum OnnxDataType
{
    /// <summary>32-bit float.</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,

    /// <summary>Boolean, one byte.</summary>
    Bool = 9,

    /// <summary>IEEE half precision float.</summary>
    Float16 = 10,
}
