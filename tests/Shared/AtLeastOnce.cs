namespace CompressionSafety.Testing;

/// <summary>Output of an at-least-once run (restarts, crashes) compared with an uninterrupted run (linked into every test project).</summary>
internal static class AtLeastOnce
{
    /// <summary>
    /// <paramref name="actual"/> may repeat a line, but with repeats dropped it is <paramref name="expected"/> in the
    /// same order: nothing extra (a partial or changed window), nothing missing. Messages name the first difference,
    /// not the whole lists.
    /// </summary>
    public static void AssertSameOnceRepeatsDropped(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what)
    {
        var known = expected.ToHashSet(StringComparer.Ordinal);
        var extra = actual.FirstOrDefault(line => !known.Contains(line));
        Assert.True(extra is null, $"{what}: not in the uninterrupted run (a partial or changed window): {extra}");
        var seen = actual.ToHashSet(StringComparer.Ordinal);
        var missing = expected.FirstOrDefault(line => !seen.Contains(line));
        Assert.True(missing is null, $"{what}: missing: {missing}");
        var expectedOrder = expected.Distinct(StringComparer.Ordinal).ToList();
        var actualOrder = actual.Distinct(StringComparer.Ordinal).ToList();
        var first = Enumerable.Range(0, expectedOrder.Count).FirstOrDefault(i => expectedOrder[i] != actualOrder[i], -1);
        Assert.True(first < 0, $"{what}: order differs at {first}");
    }
}
