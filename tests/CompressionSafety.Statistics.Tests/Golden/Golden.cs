using System.Text.Json;

namespace CompressionSafety.Statistics.Tests.Golden;

/// <summary>Reads committed golden files and compares numbers with the team's tolerance.</summary>
internal static class Golden
{
    public static JsonElement Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>Equal to 1e-9 relative, or 1e-12 absolute near zero.</summary>
    public static void AssertClose(double expected, double actual, string what)
    {
        var difference = Math.Abs(expected - actual);
        var ok = difference <= 1e-12 || difference <= 1e-9 * Math.Abs(expected);
        Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R} (difference {difference:R}).");
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
