using System.Buffers.Binary;
using System.IO.Compression;
using CompressionSafety.Kafka.Offsets;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Kafka.State;

/// <summary>
/// The changelog record's value: <c>CSCL</c>, <see cref="Version"/> (little-endian int32), then the partition number,
/// the positions per topic (always readable, so a partition whose engine state cannot be restored still knows its
/// held-back offset to rebuild from) and the engine state, deflate-compressed.
/// </summary>
internal static class SnapshotEnvelope
{
    /// <summary>The envelope's version; the engine state inside carries its own.</summary>
    public const int Version = 1;

    private static ReadOnlySpan<byte> Magic => "CSCL"u8;

    public static byte[] Write(PartitionSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        stream.Write(Magic);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(version, Version);
        stream.Write(version);
        using (var writer = new StateWriter(stream))
        {
            writer.Write(snapshot.Partition);
            writer.WriteEach(snapshot.Positions, static (w, pair) =>
            {
                w.Write(pair.Key);
                w.Write(pair.Value.LastProcessed);
                w.Write(pair.Value.Committable);
                w.WriteEach(pair.Value.OpenWindows, static (w, window) =>
                {
                    w.Write(window.Window);
                    w.Write(window.Offset);
                });
            });
            writer.WriteBytes(Compress(snapshot.State));
        }

        return stream.ToArray();
    }

    public static ChangelogRead Read(byte[] value, int partition)
    {
        if (value.Length < 8 || !value.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return new ChangelogRead(null, "the changelog record is not a partition snapshot");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(4, 4));
        if (version != Version)
        {
            return new ChangelogRead(null, $"changelog envelope version {version}, this build reads {Version}");
        }

        try
        {
            using var stream = new MemoryStream(value, 8, value.Length - 8, writable: false);
            using var reader = new StateReader(stream);
            var number = reader.ReadInt32();
            if (number != partition)
            {
                return new ChangelogRead(null, $"the changelog record for partition {partition} holds partition {number}");
            }

            var positions = new Dictionary<string, PartitionOffsets>(StringComparer.Ordinal);
            reader.ReadEach(r =>
            {
                var topic = r.ReadString();
                var lastProcessed = r.ReadInt64();
                var committable = r.ReadInt64();
                var windows = new List<WindowOffset>();
                r.ReadEach(w => windows.Add(new WindowOffset(w.ReadInt64(), w.ReadInt64())));
                positions[topic] = new PartitionOffsets(lastProcessed, committable, windows);
            });
            var compressed = reader.ReadBytes();
            return new ChangelogRead(new PartitionSnapshot(partition, positions, Decompress(compressed)), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
        {
            return new ChangelogRead(null, "unreadable changelog record: " + ex.Message);
        }
    }

    private static byte[] Decompress(byte[] bytes)
    {
        // A corrupt state leaves the positions usable: the engine refuses the empty state and the partition rebuilds.
        try
        {
            using var input = new MemoryStream(bytes, writable: false);
            using var inflate = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            inflate.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(bytes);
        }

        return output.ToArray();
    }
}
