using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>A streaming change detector over a sequence of values (per window or per record); its state can be snapshotted.</summary>
public interface IChangeDetector : IStateful
{
    /// <summary>The detector's current test statistic, for emitting as an anomaly metric.</summary>
    double Statistic { get; }

    /// <summary>Feeds the next value; what a detector keeps after a signal is documented on each one.</summary>
    /// <param name="value">The next value of the stream.</param>
    /// <returns><see langword="true"/> when this value makes the detector signal a change.</returns>
    bool Update(double value);
}
