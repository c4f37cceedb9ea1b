namespace CompressionSafety.Engine.Metrics;

/// <summary>The names of the references a window is compared with.</summary>
public static class ReferenceNames
{
    /// <summary>The baseline variant's traffic in the same window and slice.</summary>
    public const string Baseline = "baseline";

    /// <summary>Paired shadow outputs carried on the same events.</summary>
    public const string Shadow = "shadow";

    /// <summary>The pinned input distribution of the first windows of the stream.</summary>
    public const string InputReference = "input_reference";

    /// <summary>The latest revalidation baseline snapshot.</summary>
    public const string Snapshot = "snapshot";
}
