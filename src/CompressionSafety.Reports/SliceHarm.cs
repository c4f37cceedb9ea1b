namespace CompressionSafety.Reports;

/// <summary>A pooled rate change of one (variant, slice) with how surely it harms, for sorting by harm.</summary>
/// <param name="Change">The pooled change with its Newcombe interval and sample sizes.</param>
/// <param name="HarmfulDirection">
/// <c>increase</c> for <c>unsafe_miss_rate</c> (and <c>false_flag_rate</c> when ordering the changes table); for <c>flagged_rate</c> the side the point estimate lies on
/// (<c>increase</c> or <c>decrease</c>), as both over- and under-flagging against the baseline are harm.
/// </param>
/// <param name="Harm">
/// The interval bound nearest zero in the harmful direction: <c>difference_low</c> for an increase,
/// <c>-difference_high</c> for a decrease. Positive means the harm is significant at 95%; larger is worse.
/// </param>
public sealed record SliceHarm(RateChange Change, string HarmfulDirection, double Harm);
