using CompressionSafety.Engine.State;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Rules;

/// <summary>The lifecycle state of one rule on one key; removed when the incident resolves or a pending run breaks.</summary>
internal sealed class RuleKeyState : IStateful
{
    public IncidentStatus Status { get; set; } = IncidentStatus.Pending;

    public int ConsecutiveTrue { get; set; }

    public int ConsecutiveFalse { get; set; }

    public DateTimeOffset? EpisodeStart { get; set; }

    public DateTimeOffset? FiringSince { get; set; }

    public string? Id { get; set; }

    /// <summary>Whether the firing state change was published (false when silenced or inhibited when it started).</summary>
    public bool Published { get; set; }

    /// <summary>The id of the critical incident that mutes this one while it fires on the same key; null when not muted.</summary>
    public string? InhibitedBy { get; set; }

    /// <summary>The latest window this rule judged on the key, for evidence when another rule's window changes its state.</summary>
    public WindowResult? LastResult { get; set; }

    /// <summary>The windows in which the condition held in this episode (the last 50), with their records' event-time range.</summary>
    public List<EvidenceWindow> Windows { get; } = [];

    public void WriteState(StateWriter writer)
    {
        writer.Write((int)Status);
        writer.Write(ConsecutiveTrue);
        writer.Write(ConsecutiveFalse);
        writer.WriteNullable(EpisodeStart);
        writer.WriteNullable(FiringSince);
        writer.WriteNullable(Id);
        writer.Write(Published);
        writer.WriteNullable(InhibitedBy);
        writer.Write(LastResult is not null);
        if (LastResult is { } last)
        {
            writer.Write(last);
        }

        writer.WriteEach(Windows, static (w, window) =>
        {
            w.Write(window.Start);
            w.WriteNullable(window.FirstEventTime);
            w.WriteNullable(window.LastEventTime);
        });
    }

    public void ReadState(StateReader reader)
    {
        Status = (IncidentStatus)reader.ReadInt32();
        if (!Enum.IsDefined(Status))
        {
            throw new InvalidDataException($"Unknown incident status {(int)Status}.");
        }

        ConsecutiveTrue = reader.ReadInt32();
        ConsecutiveFalse = reader.ReadInt32();
        EpisodeStart = reader.ReadNullableTime();
        FiringSince = reader.ReadNullableTime();
        Id = reader.ReadNullableString();
        Published = reader.ReadBoolean();
        InhibitedBy = reader.ReadNullableString();
        LastResult = reader.ReadBoolean() ? reader.ReadResult() : null;
        Windows.Clear();
        reader.ReadEach(r => Windows.Add(new EvidenceWindow(r.ReadTime(), r.ReadNullableTime(), r.ReadNullableTime())));
    }
}
