namespace CompressionSafety.Contracts.Tests;

public sealed class RecordParserLimitTests
{
    [Fact]
    public void Parse_RecordStartingWithAUtf8Bom_ReadsTheRecord()
    {
        byte[] record = [0xEF, 0xBB, 0xBF, .. Records.Utf8(Records.LabelExample)];

        Assert.True(RecordParser.Parse(record).IsValid);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1677-12-31T23:59:59Z")]
    public void Parse_TimestampBefore1678_InvalidTimestamp(string timestamp)
    {
        var record = Records.Utf8(Records.LabelExample.Replace("2026-11-27T09:30:00+01:00", timestamp, StringComparison.Ordinal));

        var rejection = RecordParser.Parse(record).Rejection;

        Assert.Equal((RejectionCode.InvalidTimestamp, "timestamp"), (rejection?.Code, rejection?.Field));
        Assert.StartsWith("must be on or after 1678-01-01", rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OnlyABom_IsAnEmptyRecord()
    {
        var rejection = RecordParser.Parse([0xEF, 0xBB, 0xBF]).Rejection;

        Assert.Equal(RejectionCode.NotJson, rejection?.Code);
        Assert.Equal("must be a JSON object, got an empty record", rejection?.Message);
    }

    [Fact]
    public void Parse_RecordOfExactlyMaxBytes_Accepted()
    {
        var record = Records.Utf8(Records.LabelExample);
        var options = new ParserOptions { MaxRecordBytes = record.Length };

        Assert.True(RecordParser.Parse(record, options).IsValid);
    }

    [Fact]
    public void Parse_RecordOneByteOverMax_RejectedAsTooLarge()
    {
        var record = Records.Utf8(Records.LabelExample);
        var options = new ParserOptions { MaxRecordBytes = record.Length - 1 };

        var rejection = RecordParser.Parse(record, options).Rejection;

        Assert.Equal(RejectionCode.TooLarge, rejection?.Code);
        Assert.Null(rejection?.Field);
        Assert.Equal($"record is {record.Length} bytes, the maximum is {record.Length - 1} bytes", rejection?.Message);
    }

    [Fact]
    public void Parse_DefaultLimitBoundary_OneMiBAcceptedOneMoreByteRejected()
    {
        var head = Records.Utf8(Records.LabelExample[..^1] + ",\"padding\":\"");
        var tail = "\"}"u8.ToArray();
        var record = new byte[ParserOptions.DefaultMaxRecordBytes];
        head.CopyTo(record, 0);
        record.AsSpan(head.Length, record.Length - head.Length - tail.Length).Fill((byte)'p');
        tail.CopyTo(record, record.Length - tail.Length);
        byte[] oversized = [.. record[..^2], (byte)'p', .. tail];

        Assert.True(RecordParser.Parse(record).IsValid);
        Assert.Equal(RejectionCode.TooLarge, RecordParser.Parse(oversized).Rejection?.Code);
    }

    [Fact]
    public void Parse_TooLargeGarbage_CheckedBeforeParsing()
    {
        var garbage = new byte[100];

        Assert.Equal(RejectionCode.TooLarge, RecordParser.Parse(garbage, new ParserOptions { MaxRecordBytes = 99 }).Rejection?.Code);
    }
}
