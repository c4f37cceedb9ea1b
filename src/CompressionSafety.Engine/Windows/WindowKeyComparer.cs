namespace CompressionSafety.Engine.Windows;

/// <summary>Orders keys by model, variant and slice (ordinal), so outputs are the same on every run.</summary>
internal sealed class WindowKeyComparer : IComparer<WindowKey>
{
    public static WindowKeyComparer Instance { get; } = new();

    public int Compare(WindowKey? x, WindowKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var model = string.CompareOrdinal(x.Model, y.Model);
        if (model != 0)
        {
            return model;
        }

        var variant = string.CompareOrdinal(x.Variant, y.Variant);
        return variant != 0 ? variant : string.CompareOrdinal(x.Slice, y.Slice);
    }
}
