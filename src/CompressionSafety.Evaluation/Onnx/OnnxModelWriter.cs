namespace CompressionSafety.Evaluation.Onnx;

/// <summary>
/// Serializes an <see cref="OnnxGraph"/> as an ONNX ModelProto. Field numbers follow onnx.proto; only the fields
/// a plain feed-forward graph needs are written.
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>IR version 8 (ONNX 1.10+): accepted by ONNX Runtime 1.31 and enough for the operators used here.</summary>
    public const long IrVersion = 8;

    /// <summary>Default-domain opset: 13 brings per-axis DequantizeLinear.</summary>
    public const long Opset = 13;

    private const int AttributeTypeInt = 2;

    /// <summary>Serializes the graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="producerVersion">Written as producer_version for traceability.</param>
    /// <returns>The model file bytes.</returns>
    public static byte[] Write(OnnxGraph graph, string producerVersion = "0.1.0")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "CompressionSafety");
        model.WriteString(3, producerVersion);
        model.WriteMessage(7, WriteGraph(graph));
        var opset = new ProtoWriter();
        opset.WriteString(1, string.Empty);
        opset.WriteInt64(2, Opset);
        model.WriteMessage(8, opset);
        return model.ToArray();
    }

    private static ProtoWriter WriteGraph(OnnxGraph graph)
    {
        var writer = new ProtoWriter();
        var index = 0;
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(1, WriteNode(node, index++));
        }

        writer.WriteString(2, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            writer.WriteMessage(5, WriteTensor(tensor));
        }

        foreach (var input in graph.Inputs)
        {
            writer.WriteMessage(11, WriteValueInfo(input));
        }

        foreach (var output in graph.Outputs)
        {
            writer.WriteMessage(12, WriteValueInfo(output));
        }

        return writer;
    }

    private static ProtoWriter WriteNode(OnnxNode node, int index)
    {
        var writer = new ProtoWriter();
        foreach (var input in node.Inputs)
        {
            writer.WriteString(1, input);
        }

        foreach (var output in node.Outputs)
        {
            writer.WriteString(2, output);
        }

        writer.WriteString(3, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{node.OpType}_{index}"));
        writer.WriteString(4, node.OpType);
        foreach (var (name, value) in node.IntAttributes ?? new Dictionary<string, long>())
        {
            var attribute = new ProtoWriter();
            attribute.WriteString(1, name);
            attribute.WriteInt64(3, value);
            attribute.WriteInt64(20, AttributeTypeInt);
            writer.WriteMessage(5, attribute);
        }

        return writer;
    }

    private static ProtoWriter WriteTensor(OnnxTensor tensor)
    {
        var writer = new ProtoWriter();
        if (tensor.Dims.Count > 0)
        {
            writer.WritePackedInt64(1, tensor.Dims);
        }

        writer.WriteInt64(2, (long)tensor.DataType);
        writer.WriteString(8, tensor.Name);
        writer.WriteBytes(9, tensor.RawData.Span);
        return writer;
    }

    private static ProtoWriter WriteValueInfo(OnnxValueInfo info)
    {
        var shape = new ProtoWriter();
        foreach (var dim in info.Dims)
        {
            var dimension = new ProtoWriter();
            if (dim < 0)
            {
                dimension.WriteString(2, "batch");
            }
            else
            {
                dimension.WriteInt64(1, dim);
            }

            shape.WriteMessage(1, dimension);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteInt64(1, (long)info.DataType);
        tensorType.WriteMessage(2, shape);
        var type = new ProtoWriter();
        type.WriteMessage(1, tensorType);
        var writer = new ProtoWriter();
        writer.WriteString(1, info.Name);
        writer.WriteMessage(2, type);
        return writer;
    }
}
