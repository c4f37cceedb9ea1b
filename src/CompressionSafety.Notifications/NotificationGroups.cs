using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Notifications;

/// <summary>Alertmanager-style grouping: incidents with the same values of the <c>group_by</c> labels share one notification.</summary>
public static class NotificationGroups
{
    /// <summary>The groups of <paramref name="incidents"/>, in order of first appearance, each with its group labels.</summary>
    public static IReadOnlyList<(IReadOnlyDictionary<string, string> GroupLabels, IReadOnlyList<Incident> Incidents)> Group(
        IEnumerable<Incident> incidents, IList<string> groupBy)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(groupBy);
        return [.. incidents
            .GroupBy(i => string.Join('\u001f', groupBy.Select(l => i.Labels.TryGetValue(l, out var v) ? v : "")), StringComparer.Ordinal)
            .Select(g =>
            {
                var items = g.ToList();
                var labels = items[0].Labels;
                IReadOnlyDictionary<string, string> groupLabels = groupBy
                    .Where(labels.ContainsKey)
                    .ToDictionary(l => l, l => labels[l], StringComparer.Ordinal);
                return (groupLabels, (IReadOnlyList<Incident>)items);
            })];
    }
}
