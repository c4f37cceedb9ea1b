using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// Anytime-valid confidence sequence for the difference between a variant's rate and its baseline's, updated once
/// per window with each side's (successes, trials). A rule may check it after every window, for as long as it runs,
/// and the chance that it ever excludes the true difference stays at most alpha.
/// </summary>
/// <remarks>
/// <para>
/// Assumption: within window w both sides are independent Bernoulli streams whose rates may change from window to
/// window but whose difference Delta is the same in every window (under the null, 0), and the trial counts do not
/// depend on the outcomes. Variance bound: a [0, 1] variable is 1/2-sub-Gaussian (Hoeffding's lemma), so the window
/// difference <c>D_w = x_v / n_v - x_b / n_b</c> is sub-Gaussian around Delta with variance proxy
/// <c>s_w = (1 / n_v + 1 / n_b) / 4</c>, whatever the rates are.
/// </para>
/// <para>
/// With weights <c>1 / s_w</c>, <c>S_t = sum (D_w - Delta) / s_w</c> has intrinsic time <c>V_t = sum 1 / s_w</c>, and
/// the two-sided normal-mixture boundary (Robbins 1970; Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform,
/// nonparametric, nonasymptotic confidence sequences", Ann. Statist. 2021) gives, for all t at once with probability at
/// least 1 - alpha, <c>|S_t| &lt; sqrt((V_t + rho) ln((V_t + rho) / (rho alpha^2)))</c>. The interval is therefore the
/// weighted mean of the D_w plus or minus that radius divided by V_t, clipped to [-1, 1]. The mixture parameter rho
/// makes the boundary tightest around <c>V_t = V*</c>, <c>rho = V* / (2 ln(1 / alpha) + ln(1 + 2 ln(1 / alpha)))</c>; V*
/// is set from <c>tuningTrials</c>, the cumulative trials per side at which the sequence should be sharpest
/// (<c>V* = 2 * tuningTrials</c>). The bound is valid for any rho; tuning only moves where it is tight.
/// </para>
/// </remarks>
public sealed class DifferenceConfidenceSequence : IStateful
{
    private double _weightedSum;

    /// <summary>Creates the sequence.</summary>
    /// <param name="alpha">Probability of ever excluding the true difference.</param>
    /// <param name="tuningTrials">Cumulative trials per side at which the interval should be tightest.</param>
    public DifferenceConfidenceSequence(double alpha = 0.05, long tuningTrials = 10_000)
    {
        if (!(alpha > 0.0 && alpha < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tuningTrials);
        Alpha = alpha;
        var logTerm = 2.0 * Math.Log(1.0 / alpha);
        Rho = 2.0 * tuningTrials / (logTerm + Math.Log(1.0 + logTerm));
    }

    /// <summary>Probability of ever excluding the true difference.</summary>
    public double Alpha { get; }

    /// <summary>The normal-mixture parameter.</summary>
    public double Rho { get; }

    /// <summary>Windows that contributed (both sides had trials).</summary>
    public long Windows { get; private set; }

    /// <summary>Intrinsic time, the sum of the window weights.</summary>
    public double IntrinsicTime { get; private set; }

    /// <summary>The weighted estimate of the difference (variant minus baseline); 0 before any window.</summary>
    public double Estimate => IntrinsicTime > 0 ? _weightedSum / IntrinsicTime : 0.0;

    /// <summary>The current interval; (-1, 1) before any window.</summary>
    public Interval Current { get; private set; } = new(-1.0, 1.0);

    /// <summary>Whether the current interval excludes 0: the rates differ, with the anytime guarantee.</summary>
    public bool Signal => !Current.Contains(0.0);

    /// <summary>Adds one window. A window where either side has no trials carries no information and is skipped.</summary>
    /// <param name="variantSuccesses">Successes of the variant in the window.</param>
    /// <param name="variantTrials">Trials of the variant in the window.</param>
    /// <param name="baselineSuccesses">Successes of the baseline in the window.</param>
    /// <param name="baselineTrials">Trials of the baseline in the window.</param>
    /// <returns>The updated interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or successes exceed trials.</exception>
    public Interval Update(long variantSuccesses, long variantTrials, long baselineSuccesses, long baselineTrials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variantSuccesses);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineSuccesses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variantSuccesses, variantTrials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baselineSuccesses, baselineTrials);
        if (variantTrials == 0 || baselineTrials == 0)
        {
            return Current;
        }

        var difference = ((double)variantSuccesses / variantTrials) - ((double)baselineSuccesses / baselineTrials);
        var weight = 4.0 / ((1.0 / variantTrials) + (1.0 / baselineTrials));
        Windows++;
        IntrinsicTime += weight;
        _weightedSum += weight * difference;
        var spread = IntrinsicTime + Rho;
        var radius = Math.Sqrt(spread * Math.Log(spread / (Rho * Alpha * Alpha))) / IntrinsicTime;
        Current = new Interval(Math.Max(-1.0, Estimate - radius), Math.Min(1.0, Estimate + radius));
        return Current;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Windows);
        writer.Write(IntrinsicTime);
        writer.Write(_weightedSum);
        writer.Write(Current.Low);
        writer.Write(Current.High);
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Windows = reader.ReadInt64();
        IntrinsicTime = reader.ReadDouble();
        _weightedSum = reader.ReadDouble();
        Current = new Interval(reader.ReadDouble(), reader.ReadDouble());
    }
}
