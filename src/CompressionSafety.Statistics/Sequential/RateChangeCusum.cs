using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// A one-sided CUSUM of exact conditional likelihood ratios that a variant's rate moved away from its baseline's in one
/// direction, updated once per window with each side's (successes, trials). It is the change-detection form of the
/// anytime-valid two-rate test: evidence accumulates from the last time the statistic was 0, so a change late in a
/// long stream is caught as fast as one at its start, and false alarms stay bounded however long it is watched.
/// </summary>
/// <remarks>
/// <para>
/// Within window w, given the total successes <c>K = x_v + x_b</c> of both sides, the variant's count <c>x_v</c> is
/// hypergeometric when both sides have the same rate (Fisher's exact test conditions the same way), whatever that rate
/// is and however it changes from window to window. Under an odds ratio <c>psi</c> between the sides it is Fisher's
/// noncentral hypergeometric. The window's log-likelihood ratio is therefore
/// <c>LLR_w = x_v ln psi - ln E_0[psi^X]</c>, X central hypergeometric (N = n_v + n_b, K, n_v), and exp(LLR_w) has
/// mean exactly 1 under equal rates and at most 1 when the variant moves the other way (monotone likelihood ratio):
/// a per-window e-value with no nuisance parameter and no normal approximation.
/// </para>
/// <para>
/// The statistic is Page's CUSUM <c>S_t = max(0, S_(t-1) + LLR_t)</c> (an e-detector: Shin, Ramdas and Rinaldo,
/// "E-detectors", 2023). From any restart the chance of ever reaching h is at most <c>exp(-h)</c> (Ville's
/// inequality), so the expected number of false alarms in T windows is at most <c>T exp(-h)</c> and the average run
/// length is at least <c>exp(h)</c> windows (Lorden 1971). A window where either side has no trials, or where the
/// total successes leave x_v no freedom (K = 0 or K = N), carries no evidence and leaves S unchanged.
/// </para>
/// <para>State is two plain numbers (<see cref="Statistic"/>, <see cref="Windows"/>), restored with
/// <see cref="Restore"/>.</para>
/// </remarks>
public sealed class RateChangeCusum : IStateful
{
    private readonly double _logOddsRatio;

    /// <summary>Creates the statistic.</summary>
    /// <param name="oddsRatio">psi: the variant-to-baseline odds ratio it is tuned to catch fastest; above 1 watches for
    /// an increase of the variant's rate, below 1 for a decrease. Must be positive and not 1.</param>
    public RateChangeCusum(double oddsRatio)
    {
        if (!(oddsRatio > 0.0 && double.IsFinite(oddsRatio)) || oddsRatio == 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(oddsRatio), oddsRatio, "oddsRatio must be positive, finite and not 1.");
        }

        OddsRatio = oddsRatio;
        _logOddsRatio = Math.Log(oddsRatio);
    }

    /// <summary>psi, the alternative odds ratio (variant over baseline).</summary>
    public double OddsRatio { get; }

    /// <summary>The current statistic S (0 at the start and after evidence against the watched direction).</summary>
    public double Statistic { get; private set; }

    /// <summary>Windows that carried evidence.</summary>
    public long Windows { get; private set; }

    /// <summary>Sets the state saved from an earlier instance with the same odds ratio (engine state restore).</summary>
    /// <param name="statistic">A saved <see cref="Statistic"/>, finite and &gt;= 0.</param>
    /// <param name="windows">A saved <see cref="Windows"/>, &gt;= 0.</param>
    public void Restore(double statistic, long windows)
    {
        if (!(statistic >= 0.0 && double.IsFinite(statistic)))
        {
            throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "statistic must be finite and >= 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(windows);
        Statistic = statistic;
        Windows = windows;
    }

    /// <summary>Adds one window and returns the updated statistic.</summary>
    /// <param name="variantSuccesses">Successes of the variant in the window.</param>
    /// <param name="variantTrials">Trials of the variant in the window.</param>
    /// <param name="baselineSuccesses">Successes of the baseline in the window.</param>
    /// <param name="baselineTrials">Trials of the baseline in the window.</param>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or successes exceed trials.</exception>
    public double Update(long variantSuccesses, long variantTrials, long baselineSuccesses, long baselineTrials)
    {
        var llr = LogLikelihoodRatio(_logOddsRatio, variantSuccesses, variantTrials, baselineSuccesses, baselineTrials);
        if (llr is not { } value)
        {
            return Statistic;
        }

        Windows++;
        Statistic = Math.Max(0.0, Statistic + value);
        return Statistic;
    }

    /// <summary>
    /// The window's conditional log-likelihood ratio <c>x_v ln psi - ln E_0[psi^X]</c>; null when the window carries no
    /// evidence (a side without trials, or no or only successes in total).
    /// </summary>
    /// <param name="logOddsRatio">ln psi.</param>
    /// <param name="variantSuccesses">Successes of the variant.</param>
    /// <param name="variantTrials">Trials of the variant.</param>
    /// <param name="baselineSuccesses">Successes of the baseline.</param>
    /// <param name="baselineTrials">Trials of the baseline.</param>
    public static double? LogLikelihoodRatio(double logOddsRatio, long variantSuccesses, long variantTrials, long baselineSuccesses, long baselineTrials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variantSuccesses);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineSuccesses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variantSuccesses, variantTrials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baselineSuccesses, baselineTrials);
        var total = variantTrials + baselineTrials;
        var successes = variantSuccesses + baselineSuccesses;
        if (variantTrials == 0 || baselineTrials == 0 || successes == 0 || successes == total)
        {
            return null;
        }

        return (variantSuccesses * logOddsRatio) - LogMoment(logOddsRatio, total, successes, variantTrials);
    }

    /// <summary>
    /// ln E[psi^X] for X hypergeometric (population <paramref name="total"/>, <paramref name="successes"/> successes,
    /// <paramref name="draws"/> draws), summed outward from the mode with the pmf's term ratio, in log space, until the
    /// terms fall below 1e-18 of the largest; no factorials are formed, so it is exact to rounding for any counts.
    /// </summary>
    private static double LogMoment(double logOddsRatio, long total, long successes, long draws)
    {
        var low = Math.Max(0, draws - (total - successes));
        var high = Math.Min(draws, successes);

        // Mode of the central hypergeometric: floor((n + 1)(K + 1) / (N + 2)), within the support.
        var mode = Math.Clamp((long)Math.Floor((draws + 1.0) * (successes + 1.0) / (total + 2.0)), low, high);
        const double Negligible = -41.5; // ln 1e-18
        double weight = 0, tilted = 0;
        var tiltedShift = mode * logOddsRatio;
        AddTerm(0.0, mode);

        // Upward: P(k + 1) / P(k) = (K - k)(n - k) / ((k + 1)(N - K - n + k + 1)).
        var logP = 0.0;
        for (var k = mode; k < high; k++)
        {
            logP += Math.Log((double)(successes - k) * (draws - k) / ((k + 1.0) * (total - successes - draws + k + 1.0)));
            if (AddTerm(logP, k + 1))
            {
                break;
            }
        }

        logP = 0.0;
        for (var k = mode; k > low; k--)
        {
            // P(k - 1) / P(k) = k (N - K - n + k) / ((K - k + 1)(n - k + 1)).
            logP += Math.Log(k * (double)(total - successes - draws + k) / ((successes - k + 1.0) * (draws - k + 1.0)));
            if (AddTerm(logP, k - 1))
            {
                break;
            }
        }

        return Math.Log(tilted) + tiltedShift - Math.Log(weight);

        // Adds P(k) (relative to the mode) and P(k) psi^k (relative to psi^mode); true once both are negligible.
        bool AddTerm(double logProbability, long k)
        {
            var logTilted = logProbability + ((k - mode) * logOddsRatio);
            weight += Math.Exp(logProbability);
            tilted += Math.Exp(logTilted);
            return logProbability < Negligible && logTilted < Negligible + Math.Log(tilted);
        }
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
        Restore(reader.ReadDouble(), reader.ReadInt64());
    }
}
