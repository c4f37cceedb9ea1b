namespace CompressionSafety.Faults.Tests;

/// <summary>What a run with faults must show besides the uninterrupted run's lines (AtLeastOnce).</summary>
internal static class Expect
{
    /// <summary>No window key (model, variant, slice, kind, start) with two different contents: no partial window.</summary>
    public static void OneContentPerWindow(IReadOnlyList<string> windows)
    {
        var conflict = windows.Distinct(StringComparer.Ordinal).GroupBy(FaultRun.WindowKey).FirstOrDefault(g => g.Count() > 1);
        Assert.True(conflict is null, $"window {conflict?.Key} written with {conflict?.Count()} different contents:\n{string.Join('\n', conflict?.Select(l => l[..Math.Min(l.Length, 400)]) ?? [])}");
    }
}
