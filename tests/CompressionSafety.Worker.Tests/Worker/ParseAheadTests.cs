using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Worker.Ingestion;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Records consumed a batch ahead of the engines: parsed on another thread, in order, and never handled after a rebalance took their partition.</summary>
public sealed class ParseAheadTests
{
    private static readonly TopicPartition P0 = new("inference-logs", new Partition(0));
    private static readonly TopicPartition P1 = new("inference-logs", new Partition(1));

    private static ConsumeResult<byte[]?, byte[]?> Consumed(TopicPartition partition, long offset, byte[]? value) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(partition, new Offset(offset)),
        Message = new Message<byte[]?, byte[]?> { Value = value },
    };

    [Fact]
    public void Submit_BatchesOfValidInvalidAndOversizedRecords_ParsedInOrderAsTheConsumeThreadWouldParseThem()
    {
        var options = new ParserOptions { MaxRecordBytes = 2_048 };
        var values = TestStream.Predictions(300, seed: 5).Select(RecordWriter.ToJsonBytes)
            .Concat([Encoding.UTF8.GetBytes("{not json"), [], new byte[4_096], Encoding.UTF8.GetBytes("{\"schema_version\":\"1.0\"}")])
            .ToList();
        using var parsing = new ParseAhead(options);
        using var first = new ConsumedBatch();
        using var second = new ConsumedBatch();
        var expected = values.Select(v => MonitorPipeline.Parse(v, options)).ToList();
        var got = new List<ParseResult>();
        var batches = new[] { first, second };
        var next = 0;
        for (var start = 0; start < values.Count; start += ConsumedBatch.Capacity)
        {
            var batch = batches[next++ % 2];
            batch.Reset();
            foreach (var value in values.Skip(start).Take(ConsumedBatch.Capacity))
            {
                batch.Add(Consumed(P0, start + batch.Count, value), epoch: 0);
            }

            Assert.True(batch.Count == ConsumedBatch.Capacity || start + batch.Count == values.Count);
            parsing.Submit(batch);
            batch.WaitParsed();
            got.AddRange(Enumerable.Range(0, batch.Count).Select(batch.Parsed));
        }

        Assert.Equal(values.Count, got.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(expected[i].Rejection?.Code, got[i].Rejection?.Code);
            Assert.Equal(expected[i].Record is null ? null : RecordWriter.ToJsonBytes(expected[i].Record!), got[i].Record is null ? null : RecordWriter.ToJsonBytes(got[i].Record!));
        }

        Assert.Contains(got, r => r.Rejection?.Code == RejectionCode.TooLarge);
        Assert.Contains(got, r => r.Rejection?.Code == RejectionCode.NotJson);
    }

    [Fact]
    public void WaitParsed_ParserThrows_ExceptionComesOutOnTheWaitingThreadAndTheParserGoesOn()
    {
        using var parsing = new ParseAhead(new ParserOptions());
        using var broken = new ConsumedBatch();
        // A consume result without a message never reaches a batch in the loop; here it makes the parser throw.
        broken.Add(new ConsumeResult<byte[]?, byte[]?> { TopicPartitionOffset = new TopicPartitionOffset(P0, new Offset(0)) }, epoch: 0);
        parsing.Submit(broken);
        Assert.Throws<NullReferenceException>(broken.WaitParsed);

        using var fine = new ConsumedBatch();
        fine.Add(Consumed(P0, 1, RecordWriter.ToJsonBytes(TestStream.Predictions(1, seed: 6)[0])), epoch: 0);
        parsing.Submit(fine);
        fine.WaitParsed();
        Assert.NotNull(fine.Parsed(0).Record);
    }

    [Fact]
    public void IsStale_PartitionTouchedAfterTheRecordWasConsumed_OnlyThatPartitionsEarlierRecordsAreStale()
    {
        var epochs = new AssignmentEpochs();
        epochs.Touch([P0, P1]);
        var before = epochs.Current;
        Assert.False(epochs.IsStale(P0, before));

        // P1 revoked while a record of each partition waited in a batch.
        epochs.Touch([P1]);
        Assert.False(epochs.IsStale(P0, before));
        Assert.True(epochs.IsStale(P1, before));

        // Assigned again: what is consumed from now on is its own again, the earlier record stays stale.
        epochs.Touch([P1]);
        var after = epochs.Current;
        Assert.False(epochs.IsStale(P1, after));
        Assert.True(epochs.IsStale(P1, before));
        Assert.False(epochs.IsStale(new TopicPartition("labels", new Partition(1)), before));
    }
}
