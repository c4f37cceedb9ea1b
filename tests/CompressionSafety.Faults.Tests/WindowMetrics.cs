namespace CompressionSafety.Faults.Tests;

/// <summary>The metrics file carries window points and incident points; the tests compare window points with replay's.</summary>
internal static class WindowMetrics
{
    public static bool IsWindowLine(string line) => line.StartsWith("compression_safety_window,", StringComparison.Ordinal);
}
