using CompressionSafety.Contracts;
using CompressionSafety.Kafka.Mock;
using Confluent.Kafka;

namespace CompressionSafety.Cli.Tests;

public class ProduceCommandTests
{
    [Fact]
    public async Task Produce_ToMockCluster_DeliversEveryGeneratedLineKeyedByModel()
    {
        using var cluster = new MockKafkaCluster();
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topic = "produce-" + Guid.NewGuid().ToString("N");
        cluster.CreateTopic(topic, partitions: 2);

        var (exit, output, error) = await CliRunner.RunAsync(
            "produce", "--bootstrap", cluster.BootstrapServers, "--topic", topic, "--records", "400", "--rate", "100", "--speed", "1000");

        Assert.True(exit == 0, error);
        var delivered = long.Parse(output.Split('\n')[1].Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(delivered >= 400, output);

        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 2000,
        }).Build();
        consumer.Subscribe(topic);
        var received = 0L;
        var predictionsKeyedByModel = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received < delivered && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            received++;
            if (RecordParser.Parse(result.Message.Value).Record is PredictionRecord prediction
                && System.Text.Encoding.UTF8.GetString(result.Message.Key!) == prediction.Model)
            {
                predictionsKeyedByModel++;
            }
        }

        consumer.Close();
        Assert.Equal(delivered, received);
        Assert.True(predictionsKeyedByModel >= 390, $"{predictionsKeyedByModel} predictions keyed by model");
    }

    [Fact]
    public async Task Produce_BadDegradation_FailsNamingThePart()
    {
        var (exit, _, error) = await CliRunner.RunAsync("produce", "--bootstrap", "127.0.0.1:1", "--degrade", "kind=nonsense");

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        Assert.Contains("nonsense", error, StringComparison.Ordinal);
    }
}
