using System.Text;
using CompressionSafety.Kafka.Publishing;

namespace CompressionSafety.Worker.Tests.Kafka;

public sealed class DeadLetterHeadersTests
{
    [Fact]
    public void Create_InvalidRecord_CarriesReasonSourceAndOriginalBytes()
    {
        byte[] original = [0x7b, 0xff, 0x00, 0x22];

        var record = DeadLetterHeaders.Create("dlq", "invalid_json", [0x01], original, "logs", 3, 12345, "unexpected byte");

        Assert.Equal("dlq", record.Topic);
        Assert.Equal(original, record.Value);
        Assert.Equal([0x01], record.Key);
        var headers = record.Headers!.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.Value));
        Assert.Equal("invalid_json", headers[DeadLetterHeaders.Reason]);
        Assert.Equal("logs", headers[DeadLetterHeaders.SourceTopic]);
        Assert.Equal("3", headers[DeadLetterHeaders.SourcePartition]);
        Assert.Equal("12345", headers[DeadLetterHeaders.SourceOffset]);
        Assert.Equal("unexpected byte", headers[DeadLetterHeaders.Detail]);
    }

    [Fact]
    public void Create_NoDetail_OmitsDetailHeader()
    {
        var record = DeadLetterHeaders.Create("dlq", "late", null, [1, 2], "logs", 0, 7);

        Assert.DoesNotContain(record.Headers!, h => h.Key == DeadLetterHeaders.Detail);
        Assert.Equal(4, record.Headers!.Count);
    }

    [Fact]
    public void Create_ValueLongerThanLimit_CutToLimitWithOriginalLengthHeader()
    {
        var original = new byte[5000];
        original[0] = 0x7b;

        var record = DeadLetterHeaders.Create("dlq", "too_large", null, original, "logs", 0, 1, maxValueBytes: 1024);

        Assert.Equal(original.AsSpan(0, 1024).ToArray(), record.Value);
        Assert.Equal("5000", Encoding.UTF8.GetString(record.Headers!.Single(h => h.Key == DeadLetterHeaders.OriginalLength).Value));
    }
}
