using CompressionSafety.Kafka.Mock;
using CompressionSafety.Kafka.Publishing;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Kafka;

public sealed class KafkaRecordPublisherTests
{
    [Fact]
    public async Task FlushAsync_BrokerDownForAWhile_DeliversEveryRecordAfterItComesBack()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 2);
        await using var publisher = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(cluster), TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
        }

        await publisher.FlushAsync(default);
        cluster.SetBrokerDown();
        for (var i = 50; i < 100; i++)
        {
            await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
        }

        Assert.True(publisher.Statistics.InFlight > 0);
        Assert.Equal(publisher.Statistics.InFlight, publisher.InFlight);
        cluster.SetBrokerUp();
        await publisher.FlushAsync(default).WaitAsync(KafkaTestClients.Patience);
        Assert.Equal(0, publisher.InFlight);

        var received = KafkaTestClients.Consume(cluster, topic, KafkaTestClients.UniqueName("g"), 100);
        Assert.Equal(Enumerable.Range(0, 100), received.Select(r => BitConverter.ToInt32(r.Message.Value)).Distinct().Order());
        Assert.Equal(0, publisher.Statistics.Failed);
    }

    [Fact]
    public async Task AcknowledgedThrough_BrokerDown_StaysAtTheLastDeliveredRecordUntilItComesBack()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 1);
        await using var publisher = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(cluster), TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
        }

        await publisher.FlushAsync(default);
        Assert.Equal(10, publisher.AcknowledgedThrough);
        cluster.SetBrokerDown();
        for (var i = 10; i < 20; i++)
        {
            await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
        }

        // Handed over, not delivered: a commit may cover records 1..10 only.
        Assert.Equal(10, publisher.AcknowledgedThrough);
        Assert.Equal(20, publisher.Statistics.Accepted);
        cluster.SetBrokerUp();
        await publisher.FlushAsync(default).WaitAsync(KafkaTestClients.Patience);
        Assert.Equal(20, publisher.AcknowledgedThrough);
        Assert.Null(publisher.Fault);
    }

    [Fact]
    public async Task PublishAsync_AllSlotsInFlight_WaitsForASlotInsteadOfDropping()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 1);
        var settings = KafkaTestClients.PublisherSettings(cluster);
        await using var publisher = new KafkaRecordPublisher(
            new KafkaPublisherSettings
            {
                BootstrapServers = settings.BootstrapServers,
                MaxInFlight = 2,
                ClientProperties = settings.ClientProperties,
            },
            TimeProvider.System);
        cluster.SetBrokerDown();
        await publisher.PublishAsync(KafkaTestClients.Record(topic, 0), default);
        await publisher.PublishAsync(KafkaTestClients.Record(topic, 1), default);

        var third = publisher.PublishAsync(KafkaTestClients.Record(topic, 2), default).AsTask();

        // Nothing can be delivered while the broker is down, so the third record must still be waiting.
        Assert.False(third.IsCompleted);
        cluster.SetBrokerUp();
        await third.WaitAsync(KafkaTestClients.Patience);
        await publisher.FlushAsync(default).WaitAsync(KafkaTestClients.Patience);
        Assert.Equal(3, publisher.Statistics.Delivered);
    }

    [Fact]
    public async Task FlushAsync_InjectedProduceErrors_RetriedCountedAndNothingLost()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 1);
        await using var publisher = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(cluster), TimeProvider.System);
        // Warm up so the producer id and metadata exist before errors are injected.
        await publisher.PublishAsync(KafkaTestClients.Record(topic, 0), default);
        await publisher.FlushAsync(default);
        // Errors the client does not retry by itself, so each one reaches the publisher's own retry.
        cluster.PushRequestErrors(
            KafkaApiKey.Produce,
            ErrorCode.InvalidRecord,
            ErrorCode.InvalidRecord,
            ErrorCode.InvalidRecord);

        for (var i = 1; i < 20; i++)
        {
            await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
        }

        await publisher.FlushAsync(default).WaitAsync(KafkaTestClients.Patience);
        cluster.ClearRequestErrors(KafkaApiKey.Produce);

        var stats = publisher.Statistics;
        Assert.True(stats.Retries >= 3, $"retries {stats.Retries}");
        Assert.Equal(20, stats.Delivered);
        Assert.Equal(0, stats.Failed);
        var received = KafkaTestClients.Consume(cluster, topic, KafkaTestClients.UniqueName("g"), 20);
        Assert.Equal(Enumerable.Range(0, 20), received.Select(r => BitConverter.ToInt32(r.Message.Value)).Distinct().Order());
    }

    [Fact]
    public async Task FlushAsync_InjectedErrorsTheClientRetriesItself_NothingLostAndNoFailure()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 1);
        await using var publisher = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(cluster), TimeProvider.System);
        await publisher.PublishAsync(KafkaTestClients.Record(topic, 0), default);
        await publisher.FlushAsync(default);
        cluster.PushRequestErrors(
            KafkaApiKey.Produce,
            ErrorCode.NotEnoughReplicas,
            ErrorCode.NotLeaderForPartition,
            ErrorCode.RequestTimedOut);

        for (var i = 1; i < 20; i++)
        {
            await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
        }

        await publisher.FlushAsync(default).WaitAsync(KafkaTestClients.Patience);
        cluster.ClearRequestErrors(KafkaApiKey.Produce);

        Assert.Equal(20, publisher.Statistics.Delivered);
        Assert.Equal(0, publisher.Statistics.Failed);
        var received = KafkaTestClients.Consume(cluster, topic, KafkaTestClients.UniqueName("g"), 20);
        Assert.Equal(Enumerable.Range(0, 20), received.Select(r => BitConverter.ToInt32(r.Message.Value)).Distinct().Order());
    }

    [Fact]
    public async Task FlushAsync_ErrorsOutlastEveryAttempt_ThrowsAndCountsTheFailure()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 1);
        var settings = KafkaTestClients.PublisherSettings(cluster);
        await using var publisher = new KafkaRecordPublisher(
            new KafkaPublisherSettings
            {
                BootstrapServers = settings.BootstrapServers,
                MaxAttempts = 2,
                InitialBackoff = TimeSpan.FromMilliseconds(10),
                ClientProperties = settings.ClientProperties,
            },
            TimeProvider.System);
        await publisher.PublishAsync(KafkaTestClients.Record(topic, 0), default);
        await publisher.FlushAsync(default);
        cluster.PushRequestErrors(
            KafkaApiKey.Produce,
            Enumerable.Repeat(ErrorCode.InvalidRecord, 10).ToArray());

        await publisher.PublishAsync(KafkaTestClients.Record(topic, 1), default);

        await Assert.ThrowsAsync<RecordPublishException>(() => publisher.FlushAsync(default).WaitAsync(KafkaTestClients.Patience));
        Assert.Equal(1, publisher.Statistics.Failed);
        Assert.Equal(1, publisher.Statistics.Retries);
        await Assert.ThrowsAsync<RecordPublishException>(() => publisher.PublishAsync(KafkaTestClients.Record(topic, 2), default).AsTask());
        cluster.ClearRequestErrors(KafkaApiKey.Produce);
    }
}
