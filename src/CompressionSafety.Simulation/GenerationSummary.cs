using System.Globalization;

namespace CompressionSafety.Simulation;

/// <summary>What a generation run wrote, by kind of line.</summary>
/// <param name="Predictions">Valid on-time predictions.</param>
/// <param name="Labels">Delayed label records.</param>
/// <param name="Invalid">Deliberately invalid lines.</param>
/// <param name="Duplicates">Repeated predictions.</param>
/// <param name="Late">Late predictions.</param>
public sealed record GenerationSummary(long Predictions, long Labels, long Invalid, long Duplicates, long Late)
{
    /// <summary>All lines written.</summary>
    public long Total => Predictions + Labels + Invalid + Duplicates + Late;

    /// <summary>One line, for example <c>predictions=9980 labels=2990 invalid=10 duplicates=9 late=5</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"predictions={Predictions} labels={Labels} invalid={Invalid} duplicates={Duplicates} late={Late} total={Total}");
}
