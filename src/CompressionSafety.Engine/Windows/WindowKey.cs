namespace CompressionSafety.Engine.Windows;

/// <summary>What statistics are kept per: a model, one of its variants, and a slice of traffic.</summary>
/// <param name="Model">Model family, for example <c>toxicity-guard</c>.</param>
/// <param name="Variant"><c>baseline</c> or a compressed variant's name.</param>
/// <param name="Slice"><c>all</c>, <c>attribute=value</c> for one segment value, or <c>attribute=other</c> past the cardinality cap.</param>
/// <remarks>
/// Keys are looked up in dictionaries several times per record, so the hash of the three strings is computed once
/// per instance (a copy made by <c>with</c> computes its own), and equality tries reference equality first: the
/// engine shares one instance per key.
/// </remarks>
public sealed record WindowKey(string Model, string Variant, string Slice)
{
    /// <summary>The slice that holds every record of a model and variant.</summary>
    public const string AllSlice = "all";

    /// <summary>The variant name that marks the uncompressed reference.</summary>
    public const string BaselineVariant = "baseline";

    // 0 means not computed yet; a computed 0 is stored as 1 so it is not recomputed every time.
    private int _hash;

    private WindowKey(WindowKey original)
    {
        Model = original.Model;
        Variant = original.Variant;
        Slice = original.Slice;
    }

    /// <summary>Ordinal equality of model, variant and slice.</summary>
    public bool Equals(WindowKey? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && GetHashCode() == other.GetHashCode()
            && string.Equals(Model, other.Model, StringComparison.Ordinal)
            && string.Equals(Variant, other.Variant, StringComparison.Ordinal)
            && string.Equals(Slice, other.Slice, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = HashCode.Combine(
                StringComparer.Ordinal.GetHashCode(Model),
                StringComparer.Ordinal.GetHashCode(Variant),
                StringComparer.Ordinal.GetHashCode(Slice));
            _hash = hash == 0 ? 1 : hash;
        }

        return _hash;
    }

    /// <summary><c>model/variant/slice</c>, for logs and messages.</summary>
    public override string ToString() => $"{Model}/{Variant}/{Slice}";
}
