using System.Globalization;
using System.IO.Compression;
using System.Text;
using CompressionSafety.Cli.Replay;
using CompressionSafety.Contracts;

namespace CompressionSafety.Cli.Tests.Replay;

/// <summary>The background parser of replay: every line in file order with its record or rejection and its own bytes, errors where they happened.</summary>
public sealed class ParsedLinesTests
{
    private static string Record(int i) =>
        "{\"schema_version\":1,\"event_id\":\"e-" + i.ToString(CultureInfo.InvariantCulture) +
        "\",\"timestamp\":\"2026-11-26T16:00:" + (i % 60).ToString("00", CultureInfo.InvariantCulture) +
        "Z\",\"model\":\"m\",\"variant\":\"baseline\",\"prediction\":{\"label\":\"safe\",\"probabilities\":{\"safe\":0.9,\"unsafe\":0.1}}}";

    [Fact]
    public void MoveNext_ManyBatchesOfMixedLines_EveryLineInOrderWithItsOwnBytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("in.jsonl");
        var expected = new List<string>();
        for (var i = 0; i < ParsedLines.BatchLines * ParsedLines.BatchCount * 3 + 17; i++)
        {
            expected.Add(i % 97 == 0 ? "" : i % 89 == 0 ? "{not json" : i % 251 == 0 ? new string('x', 3000) : Record(i));
        }

        File.WriteAllText(path, string.Join('\n', expected) + "\n");
        using var lines = new ParsedLines(new JsonLinesReader(path, maxLineBytes: 2048), ParserOptions.Default);

        var seen = 0;
        while (lines.MoveNext(out var line))
        {
            var text = expected[seen];
            Assert.Equal(seen + 1, line.Origin.LineNumber);
            Assert.Equal(path, line.Origin.Path);
            Assert.Equal(Encoding.UTF8.GetByteCount(text), line.Origin.RawLength);
            if (text.Length == 3000)
            {
                // Oversized: rejected without parsing, its first bytes kept.
                Assert.Equal(RejectionCode.TooLarge, line.Rejection!.Code);
                Assert.Equal(JsonLinesReader.OversizePrefixBytes, line.Origin.Raw.Length);
            }
            else
            {
                Assert.Equal(text, Encoding.UTF8.GetString(line.Origin.Raw.Span));
                Assert.Equal(text.Length == 0, line.Blank);
                Assert.Equal(text.StartsWith("{not", StringComparison.Ordinal), line.Rejection is { Code: RejectionCode.NotJson });
                if (text.StartsWith("{\"schema", StringComparison.Ordinal))
                {
                    Assert.Equal("e-" + seen.ToString(CultureInfo.InvariantCulture), ((PredictionRecord)line.Record!).EventId);
                }
            }

            seen++;
        }

        Assert.Equal(expected.Count, seen);
        Assert.False(lines.MoveNext(out _));
    }

    [Fact]
    public void MoveNext_TruncatedGzip_ThrowsAfterEveryLineReadBeforeTheDamage()
    {
        using var dir = new TempDirectory();
        var path = dir.File("in.jsonl.gz");
        using (var memory = new MemoryStream())
        {
            using (var gz = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                for (var i = 0; i < 5000; i++)
                {
                    gz.Write(Encoding.UTF8.GetBytes(Record(i) + "\n"));
                }
            }

            var whole = memory.ToArray();
            File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        }

        using var lines = new ParsedLines(new JsonLinesReader(path, ParserOptions.DefaultMaxRecordBytes), ParserOptions.Default);
        var read = 0;
        var thrown = Assert.ThrowsAny<Exception>(() =>
        {
            while (lines.MoveNext(out var line))
            {
                // The last line may be cut inside the damaged block; every line before it is a record.
                Assert.True(line.Record is not null || line.Rejection is not null, $"line {line.Origin.LineNumber}");
                Assert.Equal(read + 1, line.Origin.LineNumber);
                read++;
            }
        });

        Assert.True(thrown is InvalidDataException or EndOfStreamException, thrown.ToString());
        Assert.InRange(read, 1, 4999);
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheReaderThread()
    {
        using var dir = new TempDirectory();
        var path = dir.File("in.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 20_000).Select(Record));
        var lines = new ParsedLines(new JsonLinesReader(path, ParserOptions.DefaultMaxRecordBytes), ParserOptions.Default);
        Assert.True(lines.MoveNext(out _));

        // Returns although the reader thread is blocked on a full queue; the file is closed with it.
        lines.Dispose();

        using var reopened = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(reopened.Length > 0);
    }
}
