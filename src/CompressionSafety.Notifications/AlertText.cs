using System.Globalization;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Notifications;

/// <summary>What the webhook payload and the Alertmanager client say about an incident: state, annotations, times.</summary>
internal static class AlertText
{
    /// <summary>Alertmanager's zero time marks an alert that has not ended.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>
    /// Whether the receiver should see the alert as firing. An incident muted by a critical one on the same key is sent
    /// as resolved (ended at its window end) with an <c>inhibited_by</c> annotation, so the receiver stops paging for it;
    /// it is sent as firing again, same fingerprint, if it still fires when the critical incident resolves.
    /// </summary>
    public static bool IsFiring(Incident incident) => incident.Status == IncidentStatus.Firing && !incident.Inhibited;

    /// <summary>The summary, condition, value, runbook and (when muted) inhibitor annotations of <paramref name="incident"/>.</summary>
    public static Dictionary<string, string> Annotations(Incident incident)
    {
        var e = incident.Evidence;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = incident.Rule.Summary,
            ["condition"] = e.Threshold,
            ["value"] = e.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "",
        };
        if (incident.Rule.Runbook is { } runbook)
        {
            annotations["runbook_url"] = runbook;
        }

        if (incident.InhibitedBy is { } inhibitor)
        {
            annotations["inhibited_by"] = inhibitor;
        }

        return annotations;
    }

    /// <summary>RFC 3339 in UTC with milliseconds, as Alertmanager writes times.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
