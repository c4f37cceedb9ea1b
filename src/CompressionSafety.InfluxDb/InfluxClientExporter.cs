using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;

namespace CompressionSafety.InfluxDb;

/// <summary>
/// Writes batches through InfluxDB.Client's <see cref="WriteApiAsync"/>. The client's own batching <c>WriteApi</c> is not
/// used: its buffer is unbounded from the engine's point of view and drops without telling us.
/// </summary>
internal sealed class InfluxClientExporter : IPointExporter
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly string _bucket;
    private readonly string _org;

    public InfluxClientExporter(InfluxDbOptions options, string token)
    {
        _bucket = options.Bucket;
        _org = options.Org;
        _client = new InfluxDBClient(new InfluxDBClientOptions(options.Url)
        {
            Token = token,
            Org = options.Org,
            Bucket = options.Bucket,
            Timeout = options.ExportTimeout,
        });
        _writeApi = _client.GetWriteApiAsync();
    }

    public Task ExportAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken) =>
        _writeApi.WriteRecordsAsync(lines, WritePrecision.Ns, _bucket, _org, cancellationToken);

    public void Dispose() => _client.Dispose();
}
