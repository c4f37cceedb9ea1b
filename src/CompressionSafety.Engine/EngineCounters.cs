using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine;

/// <summary>Running totals of what the engine has seen; written to <c>summary.json</c> and exported as worker metrics.</summary>
public sealed class EngineCounters
{
    /// <summary>Predictions counted in a window.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Predictions skipped as duplicates.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Predictions rejected as late.</summary>
    public long Late { get; internal set; }

    /// <summary>Records refused as future timestamps (<see cref="RecordOutcome.FutureTimestamp"/>).</summary>
    public long FutureTimestamps { get; internal set; }

    /// <summary>Predictions refused because their model was past <see cref="EngineOptions.MaxModels"/>.</summary>
    public long ModelOverflow { get; internal set; }

    /// <summary>Predictions refused because their variant was past <see cref="EngineOptions.MaxVariantsPerModel"/>.</summary>
    public long VariantOverflow { get; internal set; }

    /// <summary>Label records received.</summary>
    public long LabelRecords { get; internal set; }

    /// <summary>Predictions with an inline <c>label</c>.</summary>
    public long InlineLabels { get; internal set; }

    /// <summary>Label records joined to their prediction.</summary>
    public long LabelsJoined { get; internal set; }

    /// <summary>Label records that arrived after their window's labelled statistics closed, or repeated a label.</summary>
    public long LabelsLate { get; internal set; }

    /// <summary>Label records whose prediction never arrived within the label horizon.</summary>
    public long LabelsUnmatched { get; internal set; }

    /// <summary>Records counted in an <c>attribute=other</c> slice because the attribute had reached its value cap.</summary>
    public long SliceOverflow { get; internal set; }

    /// <summary>Feature values ignored because the feature cap was reached.</summary>
    public long FeaturesIgnored { get; internal set; }

    /// <summary>Event ids forgotten before their horizon because too many were tracked (duplicates or label joins may be missed).</summary>
    public long TrackingEvictions { get; internal set; }

    /// <summary>Window results emitted (traffic and labels).</summary>
    public long WindowsClosed { get; internal set; }

    internal void WriteState(StateWriter writer)
    {
        writer.Write(Accepted);
        writer.Write(Duplicates);
        writer.Write(Late);
        writer.Write(LabelRecords);
        writer.Write(InlineLabels);
        writer.Write(LabelsJoined);
        writer.Write(LabelsLate);
        writer.Write(LabelsUnmatched);
        writer.Write(SliceOverflow);
        writer.Write(FeaturesIgnored);
        writer.Write(TrackingEvictions);
        writer.Write(WindowsClosed);
        writer.Write(FutureTimestamps);
        writer.Write(ModelOverflow);
        writer.Write(VariantOverflow);
    }

    internal void ReadState(StateReader reader)
    {
        Accepted = reader.ReadInt64();
        Duplicates = reader.ReadInt64();
        Late = reader.ReadInt64();
        LabelRecords = reader.ReadInt64();
        InlineLabels = reader.ReadInt64();
        LabelsJoined = reader.ReadInt64();
        LabelsLate = reader.ReadInt64();
        LabelsUnmatched = reader.ReadInt64();
        SliceOverflow = reader.ReadInt64();
        FeaturesIgnored = reader.ReadInt64();
        TrackingEvictions = reader.ReadInt64();
        WindowsClosed = reader.ReadInt64();
        FutureTimestamps = reader.ReadInt64();
        ModelOverflow = reader.ReadInt64();
        VariantOverflow = reader.ReadInt64();
    }
}
