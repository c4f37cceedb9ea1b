using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// The one-sided rate-change e-detectors (<see cref="RateChangeCusum"/>) kept per compressed key against its baseline:
/// one per (rate, direction) that a default rule watches. Their state is the plain array
/// <see cref="KeyHistory.RateChanges"/>, in the order of <see cref="All"/>.
/// </summary>
internal static class RateChanges
{
    /// <summary>The alternative odds ratio, variant over baseline, each detector is tuned to: 2 (or 1/2 downward).</summary>
    public const double OddsRatio = 2.0;

    /// <summary>Every detector: metric name, direction, and the (successes, trials) of one side.</summary>
    public static IReadOnlyList<RateChange> All { get; } =
    [
        new("refused_rate_cusum_down", false, a => (a.Refused, a.RefusedKnown)),
        new("refused_rate_cusum_up", true, a => (a.Refused, a.RefusedKnown)),
        new("flagged_rate_cusum_down", false, a => (a.Flagged, a.FlaggedKnown)),
        new("flagged_rate_cusum_up", true, a => (a.Flagged, a.FlaggedKnown)),
        new("harmful_compliance_rate_cusum_up", true, a => (a.HarmfulCompliance, a.ComplianceKnown)),
        new("harmful_refusal_rate_cusum_down", false, a => (a.HarmfulRefused, a.HarmfulRequests)),
        new("benign_refusal_rate_cusum_up", true, a => (a.BenignRefused, a.BenignRequests)),
    ];

    /// <summary>Fresh detectors for a key, in the order of <see cref="All"/>.</summary>
    public static RateChangeCusum[] Create() => [.. All.Select(r => new RateChangeCusum(r.Up ? OddsRatio : 1.0 / OddsRatio))];

    /// <summary>Feeds the window to every detector and writes the statistics of those that have seen evidence.</summary>
    public static void Update(RateChangeCusum[] detectors, TrafficAccumulator variant, TrafficAccumulator baseline, MetricWriter values)
    {
        for (var i = 0; i < All.Count; i++)
        {
            var (vx, vn) = All[i].Counts(variant);
            var (bx, bn) = All[i].Counts(baseline);
            detectors[i].Update(vx, vn, bx, bn);
            if (detectors[i].Windows > 0)
            {
                values.Set(All[i].Metric, detectors[i].Statistic);
            }
        }
    }
}

/// <summary>One rate-change detector: its metric name, whether it watches for a rise, and how to count one side.</summary>
internal sealed record RateChange(string Metric, bool Up, Func<TrafficAccumulator, (long Successes, long Trials)> Counts);
