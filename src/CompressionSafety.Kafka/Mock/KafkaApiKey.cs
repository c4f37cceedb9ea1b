namespace CompressionSafety.Kafka.Mock;

/// <summary>Kafka protocol request types, for injecting errors into the mock cluster.</summary>
public enum KafkaApiKey : short
{
    /// <summary>ProduceRequest.</summary>
    Produce = 0,

    /// <summary>FetchRequest.</summary>
    Fetch = 1,

    /// <summary>ListOffsetsRequest.</summary>
    ListOffsets = 2,

    /// <summary>MetadataRequest.</summary>
    Metadata = 3,

    /// <summary>OffsetCommitRequest.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetchRequest.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinatorRequest.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroupRequest.</summary>
    JoinGroup = 11,

    /// <summary>HeartbeatRequest.</summary>
    Heartbeat = 12,

    /// <summary>SyncGroupRequest.</summary>
    SyncGroup = 14,

    /// <summary>InitProducerIdRequest.</summary>
    InitProducerId = 22,
}
