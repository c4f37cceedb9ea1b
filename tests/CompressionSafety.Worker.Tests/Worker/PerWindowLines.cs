namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>
/// Which metric lines depend only on their own window's records. The engine also keeps state across windows per key
/// (pinned input reference, change detectors, confidence sequences over all windows so far); that state is not rebuilt
/// from the committed offset, so after a restart or takeover those lines legitimately differ. See docs/worker.md.
/// </summary>
internal static class PerWindowLines
{
    public static bool IsPerWindow(string line) =>
        !line.Contains(",reference=input_reference,", StringComparison.Ordinal)
        && !line.Contains(",metric=anomaly", StringComparison.Ordinal)
        && !line.Contains("_diff_cs_", StringComparison.Ordinal);
}
