namespace CompressionSafety.Simulation;

/// <summary>Segment mix and per-segment unsafe base rates (about 10% overall, higher in minority locales and on mobile).</summary>
internal static class SegmentModel
{
    public static readonly string[] Locales = ["en", "de", "fr", "ja"];
    public static readonly double[] LocaleCumulative = [0.72, 0.87, 0.97, 1.0];
    public static readonly double[] LocaleRisk = [0.95, 1.15, 1.0, 1.5];

    public static readonly string[] Channels = ["api", "web", "mobile"];
    public static readonly double[] ChannelCumulative = [0.4, 0.8, 1.0];
    public static readonly double[] ChannelRisk = [0.8, 1.1, 1.25];

    public const double BaseUnsafeRate = 0.10;

    public static double UnsafeRate(int locale, int channel) =>
        Math.Min(0.9, BaseUnsafeRate * LocaleRisk[locale] * ChannelRisk[channel]);
}
