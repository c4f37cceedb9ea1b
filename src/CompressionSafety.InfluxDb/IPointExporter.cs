namespace CompressionSafety.InfluxDb;

/// <summary>Sends one batch of line-protocol points; throws when the batch was not stored.</summary>
internal interface IPointExporter : IDisposable
{
    Task ExportAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken);
}
