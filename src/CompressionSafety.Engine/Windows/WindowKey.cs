namespace CompressionSafety.Engine.Windows;

/// <summary>What statistics are kept per: a model, one of its variants, and a slice of traffic.</summary>
/// <param name="Model">Model family, for example <c>toxicity-guard</c>.</param>
/// <param name="Variant"><c>baseline</c> or a compressed variant's name.</param>
/// <param name="Slice"><c>all</c>, <c>attribute=value</c> for one segment value, or <c>attribute=other</c> past the cardinality cap.</param>
public sealed record WindowKey(string Model, string Variant, string Slice)
{
    /// <summary>The slice that holds every record of a model and variant.</summary>
    public const string AllSlice = "all";

    /// <summary>The variant name that marks the uncompressed reference.</summary>
    public const string BaselineVariant = "baseline";

    /// <summary><c>model/variant/slice</c>, for logs and messages.</summary>
    public override string ToString() => $"{Model}/{Variant}/{Slice}";
}
