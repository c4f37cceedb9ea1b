using System.CommandLine;
using System.Globalization;

namespace CompressionSafety.Cli.Configuration;

/// <summary>
/// Bounds on the numeric options that size an allocation (bins, batches, suites), so a typo such as
/// <c>--bins 2000000000</c> is a one-line error with exit code 2 rather than tens of gigabytes and the kernel's OOM killer.
/// </summary>
internal static class ArgumentBounds
{
    /// <summary>Most bins any histogram option takes.</summary>
    public const int MaxBins = 10_000;

    /// <summary>The value of <paramref name="option"/>; <see cref="ConfigurationException"/> naming it when outside [min, max].</summary>
    public static int Get(ParseResult parse, Option<int> option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(option);
        var value = parse.GetValue(option);
        return value >= min && value <= max
            ? value
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min:N0} and {max:N0}, got {value:N0}"));
    }
}
