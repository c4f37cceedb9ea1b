using System.Text.Json;

namespace CompressionSafety.Kafka.Health;

/// <summary>Reads librdkafka's statistics report (<c>statistics.interval.ms</c>, its STATISTICS.md) for what health needs.</summary>
public static class BrokerStatistics
{
    /// <summary>
    /// True when at least one real broker (a node id of 0 or more: not a bootstrap address, not the internal broker) has
    /// its connection in state <c>UP</c>. False for a report that cannot be read.
    /// </summary>
    /// <param name="json">The report.</param>
    /// <returns>Whether the client can reach the cluster.</returns>
    public static bool AnyBrokerUp(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("brokers", out var brokers) || brokers.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var broker in brokers.EnumerateObject())
            {
                if (broker.Value.TryGetProperty("nodeid", out var node) && node.TryGetInt32(out var id) && id >= 0
                    && broker.Value.TryGetProperty("state", out var state) && state.ValueEquals("UP"u8))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
