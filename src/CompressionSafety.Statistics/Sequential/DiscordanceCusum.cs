using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// A one-sided CUSUM of the paired (McNemar) discordance between a variant and its shadow baseline, updated once per
/// window with that window's discordant counts: <c>b</c> (shadow right, variant wrong) and <c>c</c> (variant right,
/// shadow wrong). It accumulates evidence that the variant loses more discordant pairs than it wins, across windows,
/// so a regression that is too small to be significant in any single window is still caught within a few windows.
/// </summary>
/// <remarks>
/// <para>
/// Given <c>d = b + c</c> discordant pairs, McNemar's null says each pair goes against the variant with probability
/// 1/2, whatever the flip rate. The alternative says it does with probability <c>theta &gt; 1/2</c>. The window's
/// log-likelihood ratio is <c>b ln(2 theta) + c ln(2 (1 - theta))</c>, and the statistic is Page's CUSUM over these
/// window ratios: <c>S_t = max(0, S_(t-1) + LLR_t)</c>. It signals when S reaches a threshold h.
/// </para>
/// <para>
/// False alarms: under the null, exp(LLR) has mean 1 in every window, so from any restart the chance that S ever
/// reaches h is at most <c>exp(-h)</c> (Ville's inequality), and the average run length between false alarms is at
/// least <c>exp(h)</c> windows (Lorden 1971). This holds for any number of discordant pairs per window, so it needs
/// no minimum sample size and no correction for how often it is looked at. Windows without discordant pairs leave S
/// unchanged: no evidence either way.
/// </para>
/// </remarks>
public sealed class DiscordanceCusum : IStateful
{
    private readonly double _lossStep;
    private readonly double _winStep;

    /// <summary>Creates the statistic.</summary>
    /// <param name="alternative">theta: the share of discordant pairs that go against the variant under the regression it
    /// is tuned to catch fastest; in (0.5, 1).</param>
    public DiscordanceCusum(double alternative = 0.9)
    {
        if (!(alternative > 0.5 && alternative < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "alternative must be in (0.5, 1).");
        }

        Alternative = alternative;
        _lossStep = Math.Log(2.0 * alternative);
        _winStep = Math.Log(2.0 * (1.0 - alternative));
    }

    /// <summary>theta, the alternative share of discordant pairs against the variant.</summary>
    public double Alternative { get; }

    /// <summary>The current CUSUM statistic S (0 at the start and after evidence in the variant's favour).</summary>
    public double Statistic { get; private set; }

    /// <summary>Windows that had at least one discordant pair.</summary>
    public long Windows { get; private set; }

    /// <summary>Adds one window's discordant counts and returns the updated statistic.</summary>
    /// <param name="variantWrong">b: pairs where the shadow is right and the variant wrong.</param>
    /// <param name="variantRight">c: pairs where the variant is right and the shadow wrong.</param>
    public double Update(long variantWrong, long variantRight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variantWrong);
        ArgumentOutOfRangeException.ThrowIfNegative(variantRight);
        if (variantWrong + variantRight == 0)
        {
            return Statistic;
        }

        Windows++;
        Statistic = Math.Max(0.0, Statistic + (variantWrong * _lossStep) + (variantRight * _winStep));
        return Statistic;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Statistic);
        writer.Write(Windows);
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Statistic = reader.ReadDouble();
        Windows = reader.ReadInt64();
    }
}
