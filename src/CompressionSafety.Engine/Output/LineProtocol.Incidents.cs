using System.Globalization;
using System.Text;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Engine.Output;

/// <summary>Incident state changes as points beside the window points, for the dashboards' incident panels and annotations.</summary>
public static partial class LineProtocol
{
    /// <summary>The measurement of incident state changes.</summary>
    public const string IncidentMeasurement = "compression_safety_incident";

    /// <summary>The only field of an incident point: 1 while the incident fires unmuted, 0 once inhibited or resolved.</summary>
    public const string FiringField = "firing";

    /// <summary>The <c>status</c> tag of a firing incident.</summary>
    public const string FiringStatus = "firing";

    /// <summary>The <c>status</c> tag of a firing incident muted by a critical incident on the same key.</summary>
    public const string InhibitedStatus = "inhibited";

    /// <summary>The <c>status</c> tag of a resolved incident.</summary>
    public const string ResolvedStatus = "resolved";

    /// <summary>The rule label copied into the <c>team</c> tag when the rule sets it.</summary>
    public const string TeamLabel = "team";

    /// <summary>
    /// Appends the point of one incident state change, ending in <c>\n</c>:
    /// <c>compression_safety_incident,rule=R,severity=S,status=firing,model=M,variant=V,slice=all,team=T,incident_id=I firing=1 T</c>.
    /// The timestamp is the start of the window that caused the change (as window points), in nanoseconds; <c>team</c>
    /// is written only when the rule has that label. Only a numeric field, so every InfluxDB-compatible store keeps it.
    /// </summary>
    public static void AppendIncident(StringBuilder builder, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(incident);
        var status = StatusOf(incident);
        var timestamp = (incident.WindowStart - DateTimeOffset.UnixEpoch).Ticks * 100;
        builder.Append(IncidentMeasurement)
            .Append(",rule=").Append(EscapeTag(incident.Rule.Id))
            .Append(",severity=").Append(incident.Rule.Severity.ToString().ToLowerInvariant())
            .Append(",status=").Append(status)
            .Append(",model=").Append(EscapeTag(incident.Key.Model))
            .Append(",variant=").Append(EscapeTag(incident.Key.Variant))
            .Append(",slice=").Append(EscapeTag(incident.Key.Slice));
        if (incident.Rule.Labels.TryGetValue(TeamLabel, out var team) && team.Length > 0)
        {
            builder.Append(",team=").Append(EscapeTag(team));
        }

        builder.Append(",incident_id=").Append(EscapeTag(incident.Id))
            .Append(' ').Append(FiringField).Append('=').Append(status == FiringStatus ? '1' : '0')
            .Append(' ').Append(timestamp.ToString(CultureInfo.InvariantCulture))
            .Append('\n');
    }

    /// <summary>The point of <paramref name="incident"/> as one line (with its <c>\n</c>).</summary>
    public static string FormatIncident(Incident incident)
    {
        var builder = new StringBuilder(192);
        AppendIncident(builder, incident);
        return builder.ToString();
    }

    /// <summary>The <c>status</c> tag of <paramref name="incident"/>: firing, inhibited or resolved.</summary>
    public static string StatusOf(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Status switch
        {
            IncidentStatus.Resolved => ResolvedStatus,
            _ when incident.Inhibited => InhibitedStatus,
            _ => FiringStatus,
        };
    }
}
