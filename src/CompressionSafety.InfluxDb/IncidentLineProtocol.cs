using System.Globalization;
using System.Text;
using CompressionSafety.Engine.Output;

namespace CompressionSafety.InfluxDb;

/// <summary>
/// Formats <see cref="IncidentPoint"/>s as line protocol:
/// <c>compression_safety_incident,rule=R,severity=S,status=open,model=M,variant=V,slice=all,incident_id=I firing=1 T</c>
/// (timestamp in nanoseconds). Only numeric fields, so every InfluxDB-compatible store keeps them.
/// </summary>
public static class IncidentLineProtocol
{
    /// <summary>Appends the point of <paramref name="incident"/> to <paramref name="builder"/>, ending in <c>\n</c>.</summary>
    public static void Append(StringBuilder builder, IncidentPoint incident)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(incident);
        var timestamp = (incident.Timestamp - DateTimeOffset.UnixEpoch).Ticks * 100;
        builder.Append(PointSchema.IncidentMeasurement)
            .Append(",rule=").Append(LineProtocol.EscapeTag(incident.Rule))
            .Append(",severity=").Append(LineProtocol.EscapeTag(incident.Severity))
            .Append(",status=").Append(LineProtocol.EscapeTag(incident.Status))
            .Append(",model=").Append(LineProtocol.EscapeTag(incident.Model))
            .Append(",variant=").Append(LineProtocol.EscapeTag(incident.Variant))
            .Append(",slice=").Append(LineProtocol.EscapeTag(incident.Slice))
            .Append(",incident_id=").Append(LineProtocol.EscapeTag(incident.IncidentId))
            .Append(' ').Append(PointSchema.FiringField).Append('=').Append(incident.Firing ? '1' : '0')
            .Append(' ').Append(timestamp.ToString(CultureInfo.InvariantCulture))
            .Append('\n');
    }

    /// <summary>The point of <paramref name="incident"/> as one line (with its <c>\n</c>).</summary>
    public static string Format(IncidentPoint incident)
    {
        var builder = new StringBuilder(160);
        Append(builder, incident);
        return builder.ToString();
    }
}
