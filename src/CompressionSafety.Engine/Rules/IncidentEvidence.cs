namespace CompressionSafety.Engine.Rules;

/// <summary>What an incident is based on, attached to every state change.</summary>
/// <param name="Metric">The main condition's metric.</param>
/// <param name="Reference">Its reference (<c>self</c> for the key's own metric).</param>
/// <param name="Value">Its value in the latest window, when present.</param>
/// <param name="ReferenceValue">For a difference against a reference, the reference's own value (variant value minus the difference), when derivable.</param>
/// <param name="Low">The lower bound of the metric's interval, when the window carries one.</param>
/// <param name="High">The upper bound, when carried.</param>
/// <param name="Threshold">The condition as text, e.g. <c>unsafe_miss_rate_diff_low &gt; 0.01</c>.</param>
/// <param name="Conditions">Every condition's metric and value in the latest window.</param>
/// <param name="Samples">Sample sizes of the latest window (own and reference counts).</param>
/// <param name="Windows">Starts of the windows in which the condition held, in this episode (at most the last 50).</param>
/// <param name="EventTimeStart">
/// Earliest event time of the records counted in the windows involved (those in <paramref name="Windows"/> and the
/// window of this state change); the first window's start when none counted a record.
/// </param>
/// <param name="EventTimeEnd">Latest event time of those records; the latest window's end when none counted a record.</param>
/// <param name="RuleText">The rule as written in its file.</param>
public sealed record IncidentEvidence(
    string Metric,
    string Reference,
    double? Value,
    double? ReferenceValue,
    double? Low,
    double? High,
    string Threshold,
    IReadOnlyDictionary<string, double> Conditions,
    IReadOnlyDictionary<string, double> Samples,
    IReadOnlyList<DateTimeOffset> Windows,
    DateTimeOffset EventTimeStart,
    DateTimeOffset EventTimeEnd,
    string RuleText);
