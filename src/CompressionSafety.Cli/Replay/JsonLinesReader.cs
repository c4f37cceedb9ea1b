using System.Buffers;
using System.IO.Compression;

namespace CompressionSafety.Cli.Replay;

/// <summary>
/// Reads a JSON-lines file (plain, or gzip detected by its magic bytes) line by line as UTF-8 bytes, without turning
/// lines into strings. A line longer than <c>maxLineBytes</c> is not buffered whole: its first bytes are kept for the
/// dead-letter output and the rest is skipped, so one huge line cannot exhaust memory. <see cref="Current"/> is valid
/// until the next <see cref="MoveNext"/>. A gzip file must be whole: corrupt data, or a decompressed size that differs
/// from the size in the gzip trailer (a truncated file; also a concatenation of gzip files, which is not supported),
/// throws <see cref="InvalidDataException"/>, since .NET's <see cref="GZipStream"/> ends a truncated stream silently.
/// </summary>
internal sealed class JsonLinesReader : IDisposable
{
    /// <summary>How much of an oversized line is kept for the dead-letter output.</summary>
    public const int OversizePrefixBytes = 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private readonly long? _gzipTrailerSize;

    public JsonLinesReader(string path, int maxLineBytes)
    {
        Path = path;
        _maxLineBytes = maxLineBytes;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            _gzipTrailerSize = TrailerSize(file);
            _stream = new GZipStream(file, CompressionMode.Decompress);
        }
        else
        {
            _stream = file;
        }

        _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    }

    public string Path { get; }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current line without its line ending (or the kept prefix, when <see cref="Oversized"/>).</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>The current line's full length in bytes (larger than <see cref="Current"/> when oversized).</summary>
    public long CurrentLength { get; private set; }

    /// <summary>True when the current line was longer than the limit and only its prefix is in <see cref="Current"/>.</summary>
    public bool Oversized { get; private set; }

    /// <summary>Bytes read from the (decompressed) input so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Advances to the next line; false at the end of the file.</summary>
    public bool MoveNext()
    {
        Oversized = false;
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0 && newline - _start <= _maxLineBytes)
            {
                SetCurrent(_start, newline - _start, newline - _start);
                _start = newline + 1;
                return true;
            }

            if (newline >= 0 || _end - _start > _maxLineBytes)
            {
                return SkipOversized();
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    SetCurrent(_start, _end - _start, _end - _start);
                    _start = _end;
                    return true;
                }

                return false;
            }

            var scanned = _end - _start;
            Fill();
            scanFrom = _start + scanned;
        }
    }

    private void SetCurrent(int offset, int length, long fullLength)
    {
        LineNumber++;
        // Tolerate CRLF line endings.
        if (length > 0 && _buffer[offset + length - 1] == (byte)'\r')
        {
            length--;
            fullLength--;
        }

        Current = new ReadOnlyMemory<byte>(_buffer, offset, length);
        CurrentLength = fullLength;
    }

    private bool SkipOversized()
    {
        var prefix = _buffer.AsSpan(_start, Math.Min(OversizePrefixBytes, _end - _start)).ToArray();
        long length = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                length += newline - _start;
                _start = newline + 1;
                break;
            }

            length += _end - _start;
            _start = _end;
            if (_eof)
            {
                break;
            }

            Fill();
        }

        LineNumber++;
        Oversized = true;
        Current = prefix;
        CurrentLength = length;
        return true;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Grow up to just past the line limit; beyond it a line is skipped, not buffered.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_buffer.Length * 2, 1 << 16), _maxLineBytes + (1 << 16)));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{Path}: corrupt gzip data after {BytesRead:N0} decompressed bytes ({ex.Message})", ex);
        }

        if (read == 0)
        {
            _eof = true;
            if (_gzipTrailerSize is { } expected && (BytesRead & 0xFFFFFFFF) != expected)
            {
                throw new InvalidDataException(expected < 0
                    ? $"{Path}: the gzip file is truncated: too short to hold a gzip trailer"
                    : $"{Path}: the gzip file is truncated or corrupt: {BytesRead:N0} bytes decompressed, its trailer says {expected:N0} (mod 2^32)");
            }
        }

        _end += read;
        BytesRead += read;
    }

    /// <summary>ISIZE, the last four bytes of a gzip file: the uncompressed size mod 2^32 (RFC 1952); -1 when the file is too short to have one.</summary>
    private static long TrailerSize(FileStream file)
    {
        // A gzip member is at least an 10-byte header, an empty deflate block and an 8-byte trailer.
        if (file.Length < 20)
        {
            return -1;
        }

        Span<byte> size = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(size);
        file.Position = 0;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size);
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
