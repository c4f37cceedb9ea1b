using System.Text;

namespace CompressionSafety.Statistics.State;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote. A truncated or corrupt snapshot throws
/// <see cref="InvalidDataException"/> (or <see cref="EndOfStreamException"/>), never returns made-up state: counts are
/// checked against the bytes left and string references against the table.
/// </summary>
public sealed class StateReader : IDisposable
{
    private readonly BinaryReader _reader;
    private readonly List<string> _strings = [];

    /// <summary>Reads from <paramref name="stream"/>, which stays open.</summary>
    /// <param name="stream">The source.</param>
    public StateReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>True when every byte has been read.</summary>
    public bool AtEnd => _reader.BaseStream.Position == _reader.BaseStream.Length;

    /// <summary>Reads a boolean.</summary>
    /// <returns>The value.</returns>
    public bool ReadBoolean() => _reader.ReadBoolean();

    /// <summary>Reads an integer.</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => _reader.Read7BitEncodedInt();

    /// <summary>Reads a long.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => _reader.Read7BitEncodedInt64();

    /// <summary>Reads an unsigned long.</summary>
    /// <returns>The value.</returns>
    public ulong ReadUInt64() => _reader.ReadUInt64();

    /// <summary>Reads a double.</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => _reader.ReadDouble();

    /// <summary>Reads a string written through the string table.</summary>
    /// <returns>The value.</returns>
    public string ReadString()
    {
        var reference = _reader.Read7BitEncodedInt();
        if (reference == 0)
        {
            var value = _reader.ReadString();
            _strings.Add(value);
            return value;
        }

        if (reference < 0 || reference > _strings.Count)
        {
            throw new InvalidDataException($"String reference {reference} is outside the table of {_strings.Count}.");
        }

        return _strings[reference - 1];
    }

    /// <summary>Reads a string that may be null.</summary>
    /// <returns>The value.</returns>
    public string? ReadNullableString() => _reader.ReadBoolean() ? ReadString() : null;

    /// <summary>Reads a long that may be null.</summary>
    /// <returns>The value.</returns>
    public long? ReadNullableInt64() => _reader.ReadBoolean() ? ReadInt64() : null;

    /// <summary>Reads a count of items, each at least <paramref name="minimumBytes"/> bytes long.</summary>
    /// <param name="minimumBytes">The fewest bytes one item takes.</param>
    /// <returns>The count.</returns>
    public int ReadCount(int minimumBytes = 1)
    {
        var count = _reader.Read7BitEncodedInt();
        var left = _reader.BaseStream.Length - _reader.BaseStream.Position;
        if (count < 0 || (long)count * Math.Max(1, minimumBytes) > left)
        {
            throw new InvalidDataException($"Count {count} does not fit in the {left} bytes left.");
        }

        return count;
    }

    /// <summary>Reads bytes written with <see cref="StateWriter.WriteBytes"/>.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ReadBytes() => _reader.ReadBytes(ReadCount());

    /// <summary>Reads doubles written as a collection.</summary>
    /// <returns>The values.</returns>
    public double[] ReadDoubles()
    {
        var values = new double[ReadCount(sizeof(double))];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadDouble();
        }

        return values;
    }

    /// <summary>Reads longs written as a collection.</summary>
    /// <returns>The values.</returns>
    public long[] ReadInt64s()
    {
        var values = new long[ReadCount()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadInt64();
        }

        return values;
    }

    /// <summary>Reads doubles into an array of the expected length.</summary>
    /// <param name="destination">The array, whose length must match what was written.</param>
    public void ReadInto(double[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var values = ReadDoubles();
        CheckLength(values.Length, destination.Length);
        values.CopyTo(destination, 0);
    }

    /// <summary>Reads longs into an array of the expected length.</summary>
    /// <param name="destination">The array, whose length must match what was written.</param>
    public void ReadInto(long[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var values = ReadInt64s();
        CheckLength(values.Length, destination.Length);
        values.CopyTo(destination, 0);
    }

    /// <summary>Reads a collection written with <see cref="StateWriter.WriteEach{T}"/>, calling <paramref name="read"/> per item.</summary>
    /// <param name="read">Reads one item.</param>
    public void ReadEach(Action<StateReader> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var count = ReadCount();
        for (var i = 0; i < count; i++)
        {
            read(this);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    private static void CheckLength(int read, int expected)
    {
        if (read != expected)
        {
            throw new InvalidDataException($"Expected {expected} values, the snapshot holds {read}: it was written with other settings.");
        }
    }
}
