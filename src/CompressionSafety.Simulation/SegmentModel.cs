namespace CompressionSafety.Simulation;

/// <summary>
/// Segment mix and per-segment unsafe base rates. The default: four locales and three channels, about 10% unsafe
/// overall, higher in minority locales and on mobile. With <see cref="GeneratorOptions.SliceValues"/> = N, each
/// attribute has N values with Zipf shares (1/k, normalised) and no extra risk beyond the default values'.
/// </summary>
internal sealed class SegmentModel
{
    public const double BaseUnsafeRate = 0.10;

    private static readonly string[] LocaleNames = ["en", "de", "fr", "ja", "es", "it", "pt", "nl", "pl", "sv", "tr", "ko", "zh", "ar", "hi", "ru"];
    private static readonly string[] ChannelNames = ["api", "web", "mobile", "email", "voice", "batch", "partner", "kiosk", "sms", "chat", "ide", "cli", "plugin", "tv", "car", "watch"];
    private static readonly double[] DefaultLocaleRisk = [0.95, 1.15, 1.0, 1.5];
    private static readonly double[] DefaultChannelRisk = [0.8, 1.1, 1.25];

    /// <summary>The most values per attribute (the name lists' length).</summary>
    public const int MaxValues = 16;

    private SegmentModel(string[] locales, double[] localeCumulative, double[] localeRisk, string[] channels, double[] channelCumulative, double[] channelRisk)
    {
        Locales = locales;
        LocaleCumulative = localeCumulative;
        LocaleRisk = localeRisk;
        Channels = channels;
        ChannelCumulative = channelCumulative;
        ChannelRisk = channelRisk;
    }

    public string[] Locales { get; }
    public double[] LocaleCumulative { get; }
    public double[] LocaleRisk { get; }
    public string[] Channels { get; }
    public double[] ChannelCumulative { get; }
    public double[] ChannelRisk { get; }

    public static SegmentModel Create(int? values) => values is not { } n
        ? new SegmentModel(LocaleNames[..4], [0.72, 0.87, 0.97, 1.0], DefaultLocaleRisk, ChannelNames[..3], [0.4, 0.8, 1.0], DefaultChannelRisk)
        : new SegmentModel(LocaleNames[..n], Zipf(n), Risk(DefaultLocaleRisk, n), ChannelNames[..n], Zipf(n), Risk(DefaultChannelRisk, n));

    public double UnsafeRate(int locale, int channel) =>
        Math.Min(0.9, BaseUnsafeRate * LocaleRisk[locale] * ChannelRisk[channel]);

    private static double[] Zipf(int n)
    {
        var total = 0.0;
        for (var k = 1; k <= n; k++)
        {
            total += 1.0 / k;
        }

        var cumulative = new double[n];
        var sum = 0.0;
        for (var k = 1; k <= n; k++)
        {
            sum += 1.0 / k / total;
            cumulative[k - 1] = sum;
        }

        cumulative[^1] = 1.0;
        return cumulative;
    }

    private static double[] Risk(double[] defaults, int n) => [.. Enumerable.Range(0, n).Select(i => i < defaults.Length ? defaults[i] : 1.0)];
}
