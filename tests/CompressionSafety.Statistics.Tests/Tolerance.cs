using Xunit.Sdk;

namespace CompressionSafety.Statistics.Tests;

/// <summary>The team's agreement with the reference implementations: 1e-9 relative, 1e-12 absolute near zero.</summary>
internal static class Tolerance
{
    public const double Relative = 1e-9;
    public const double Absolute = 1e-12;

    public static void Close(double expected, double actual, string what)
    {
        var allowed = Math.Max(Absolute, Relative * Math.Abs(expected));
        if (!(Math.Abs(expected - actual) <= allowed))
        {
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):R}, allowed {allowed:R})");
        }
    }
}
