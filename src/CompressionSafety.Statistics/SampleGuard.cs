namespace CompressionSafety.Statistics;

/// <summary>Argument checks shared by the sample-based statistics.</summary>
internal static class SampleGuard
{
    public static void RequireNonEmpty(ReadOnlySpan<double> sample, string name)
    {
        if (sample.IsEmpty)
        {
            throw new ArgumentException("The sample must not be empty.", name);
        }

        foreach (var x in sample)
        {
            if (double.IsNaN(x))
            {
                throw new ArgumentException("The sample must not contain NaN.", name);
            }
        }
    }
}
