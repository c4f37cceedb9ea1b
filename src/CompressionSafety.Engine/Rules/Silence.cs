namespace CompressionSafety.Engine.Rules;

/// <summary>
/// Mutes notifications of incidents whose labels match every matcher (globs, <c>!</c> negates) while the incident's
/// window end lies in [<see cref="StartsAt"/>, <see cref="EndsAt"/>). Incidents are still tracked, only not emitted.
/// </summary>
/// <param name="Id">Name of the silence, for counters and logs.</param>
/// <param name="Matchers">Label name to pattern; labels are <c>alertname</c>, <c>severity</c>, <c>model</c>, <c>variant</c>, <c>slice</c>, <c>gate</c> and the rule's labels.</param>
/// <param name="StartsAt">Start (inclusive).</param>
/// <param name="EndsAt">End (exclusive).</param>
/// <param name="Comment">Why.</param>
public sealed record Silence(
    string Id,
    IReadOnlyDictionary<string, string> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Comment = "")
{
    /// <summary>Who created the silence (the API's <c>createdBy</c>); empty for rule-file silences.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>True when the silence covers an incident with <paramref name="labels"/> at <paramref name="time"/>.</summary>
    public bool Covers(IReadOnlyDictionary<string, string> labels, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (time < StartsAt || time >= EndsAt)
        {
            return false;
        }

        foreach (var (name, pattern) in Matchers)
        {
            var value = labels.TryGetValue(name, out var v) ? v : "";
            if (!KeySelector.MatchesPart([pattern], value))
            {
                return false;
            }
        }

        return true;
    }
}
