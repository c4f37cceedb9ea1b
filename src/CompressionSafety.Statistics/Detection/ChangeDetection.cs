namespace CompressionSafety.Statistics;

/// <summary>Runs a change detector over a whole series.</summary>
public static class ChangeDetection
{
    /// <summary>Feeds every value to <paramref name="detector"/> and collects the indices at which it signals.</summary>
    /// <param name="detector">A detector, usually fresh.</param>
    /// <param name="values">The series.</param>
    /// <returns>The 0-based indices of the values at which the detector signalled, ascending.</returns>
    public static IReadOnlyList<int> Detect(IChangeDetector detector, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(values);
        var detections = new List<int>();
        var index = 0;
        foreach (var value in values)
        {
            if (detector.Update(value))
            {
                detections.Add(index);
            }

            index++;
        }

        return detections;
    }
}
