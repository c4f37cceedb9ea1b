using System.Text;

namespace CompressionSafety.Statistics.State;

/// <summary>
/// Writes a binary state snapshot: little-endian fixed-width doubles (bit-exact, NaN and infinities included),
/// variable-length integers, and strings through a table so a repeated string (model, variant, label, event id
/// referenced twice) is written once and then as its index. Read back with <see cref="StateReader"/>.
/// </summary>
public sealed class StateWriter : IDisposable
{
    private readonly BinaryWriter _writer;
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

    /// <summary>Writes to <paramref name="stream"/>, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    public StateWriter(Stream stream)
    {
        _writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>Writes a boolean.</summary>
    /// <param name="value">The value.</param>
    public void Write(bool value) => _writer.Write(value);

    /// <summary>Writes an integer (variable length).</summary>
    /// <param name="value">The value.</param>
    public void Write(int value) => _writer.Write7BitEncodedInt(value);

    /// <summary>Writes a long (variable length).</summary>
    /// <param name="value">The value.</param>
    public void Write(long value) => _writer.Write7BitEncodedInt64(value);

    /// <summary>Writes an unsigned long (8 bytes).</summary>
    /// <param name="value">The value.</param>
    public void Write(ulong value) => _writer.Write(value);

    /// <summary>Writes a double, bit for bit.</summary>
    /// <param name="value">The value.</param>
    public void Write(double value) => _writer.Write(value);

    /// <summary>Writes a string through the string table.</summary>
    /// <param name="value">The value.</param>
    public void Write(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_strings.TryGetValue(value, out var index))
        {
            _writer.Write7BitEncodedInt(index + 1);
            return;
        }

        _writer.Write7BitEncodedInt(0);
        _writer.Write(value);
        _strings.Add(value, _strings.Count);
    }

    /// <summary>Writes a string that may be null.</summary>
    /// <param name="value">The value.</param>
    public void WriteNullable(string? value)
    {
        _writer.Write(value is not null);
        if (value is not null)
        {
            Write(value);
        }
    }

    /// <summary>Writes a long that may be null.</summary>
    /// <param name="value">The value.</param>
    public void WriteNullable(long? value)
    {
        _writer.Write(value.HasValue);
        if (value is { } v)
        {
            Write(v);
        }
    }

    /// <summary>Writes a length, then the bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _writer.Write7BitEncodedInt(bytes.Length);
        _writer.Write(bytes);
    }

    /// <summary>Writes a count, then each value.</summary>
    /// <param name="values">The values.</param>
    public void Write(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Write(values.Count);
        foreach (var value in values)
        {
            Write(value);
        }
    }

    /// <summary>Writes a count, then each value.</summary>
    /// <param name="values">The values.</param>
    public void Write(IReadOnlyCollection<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Write(values.Count);
        foreach (var value in values)
        {
            Write(value);
        }
    }

    /// <summary>Writes a count, then each item with <paramref name="write"/>, in enumeration order.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="write">Writes one item.</param>
    public void WriteEach<T>(IReadOnlyCollection<T> items, Action<StateWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(write);
        Write(items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }
    }

    /// <summary>Flushes to the stream.</summary>
    public void Flush() => _writer.Flush();

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
