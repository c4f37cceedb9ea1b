using System.Runtime.InteropServices;
using System.Text;
using CompressionSafety.Kafka.Native;
using Confluent.Kafka;

namespace CompressionSafety.Kafka.Mock;

/// <summary>
/// An in-process Kafka broker: librdkafka's built-in mock cluster, created through its C API.
/// FOR DEMONSTRATION AND TESTS ONLY. It keeps data in memory (about 5 MiB per partition), implements a
/// subset of the protocol, has no security and is not covered by librdkafka's stability guarantees.
/// Production runs against a real Kafka cluster.
/// </summary>
/// <remarks>
/// Clients connect to <see cref="BootstrapServers"/> like to any broker. Topics must be created with
/// <see cref="CreateTopic"/>: the mock does not implement the admin API's CreateTopics.
/// </remarks>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly Lock _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers (ids 1..n).</summary>
    /// <param name="brokerCount">Number of brokers, at least 1.</param>
    /// <exception cref="InvalidOperationException">librdkafka refused to create the handle or cluster.</exception>
    public MockKafkaCluster(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        RdKafkaLibrary.EnsureLoaded();
        BrokerCount = brokerCount;

        var errstr = new byte[512];
        var conf = NativeMethods.rd_kafka_conf_new();
        // The handle only does the cluster's book-keeping; keep its own logging quiet.
        if (NativeMethods.rd_kafka_conf_set(conf, "log_level", "3", errstr, (nuint)errstr.Length) != 0)
        {
            NativeMethods.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("rd_kafka_conf_set failed: " + ReadError(errstr));
        }

        // rd_kafka_new takes ownership of conf on success only.
        _handle = NativeMethods.rd_kafka_new(NativeMethods.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (_handle == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("rd_kafka_new failed: " + ReadError(errstr));
        }

        _cluster = NativeMethods.rd_kafka_mock_cluster_new(_handle, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_destroy(_handle);
            _handle = IntPtr.Zero;
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>The <c>bootstrap.servers</c> string for clients (localhost listeners).</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Creates a topic (the mock does not support the admin API's CreateTopics).</summary>
    /// <param name="topic">Topic name.</param>
    /// <param name="partitions">Partition count.</param>
    /// <param name="replicationFactor">Replication factor, at most <see cref="BrokerCount"/>.</param>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Check(NativeMethods.rd_kafka_mock_topic_create(Cluster, topic, partitions, replicationFactor), "topic_create");
    }

    /// <summary>Disconnects a broker and refuses new connections until <see cref="SetBrokerUp"/>.</summary>
    /// <param name="brokerId">Broker id, or -1 for all brokers.</param>
    public void SetBrokerDown(int brokerId = -1) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_down(Cluster, brokerId), "broker_set_down");

    /// <summary>Makes a broker accept connections again.</summary>
    /// <param name="brokerId">Broker id, or -1 for all brokers.</param>
    public void SetBrokerUp(int brokerId = -1) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_up(Cluster, brokerId), "broker_set_up");

    /// <summary>
    /// Makes the next <paramref name="errors"/>.Length requests of type <paramref name="apiKey"/> fail,
    /// in order, with the given error codes.
    /// </summary>
    /// <param name="apiKey">The request type.</param>
    /// <param name="errors">The errors to return, first one first.</param>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, static e => (int)e);
        NativeMethods.rd_kafka_mock_push_request_errors_array(Cluster, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Removes any errors still queued for <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">The request type.</param>
    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        NativeMethods.rd_kafka_mock_clear_request_errors(Cluster, (short)apiKey);

    /// <summary>
    /// Sets the broker's <c>group.initial.rebalance.delay.ms</c> (3 s by default, like Kafka);
    /// tests set 0 so a group forms as soon as its first member joins.
    /// </summary>
    /// <param name="delay">The delay.</param>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay) =>
        NativeMethods.rd_kafka_mock_group_initial_rebalance_delay_ms(Cluster, checked((int)delay.TotalMilliseconds));

    /// <summary>Stops the brokers and frees the cluster.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero)
            {
                NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                NativeMethods.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    private IntPtr Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return _cluster;
        }
    }

    private static void Check(int error, string operation)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"rd_kafka_mock_{operation} failed: {(ErrorCode)error}.");
        }
    }

    private static string ReadError(byte[] errstr)
    {
        var end = Array.IndexOf(errstr, (byte)0);
        return Encoding.UTF8.GetString(errstr, 0, end < 0 ? errstr.Length : end);
    }
}
