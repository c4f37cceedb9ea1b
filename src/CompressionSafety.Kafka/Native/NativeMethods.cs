using System.Runtime.InteropServices;

namespace CompressionSafety.Kafka.Native;

/// <summary>The subset of librdkafka's C API (rdkafka.h, rdkafka_mock.h) the mock cluster needs.</summary>
internal static partial class NativeMethods
{
    internal const int ProducerType = 0;

    static NativeMethods() => RdKafkaLibrary.RegisterResolver();

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(RdKafkaLibrary.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(RdKafkaLibrary.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial void rd_kafka_mock_clear_request_errors(IntPtr cluster, short apiKey);

    [LibraryImport(RdKafkaLibrary.LibraryName)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);
}
