using System.Text.Json;

namespace CompressionSafety.Engine.Snapshots;

/// <summary>Reads and writes <see cref="BaselineSnapshot"/> as JSON (snake_case names).</summary>
public static class BaselineSnapshotJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Serializes a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Serialize(BaselineSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Options);

    /// <summary>Parses a snapshot and checks its version.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InvalidDataException">Not a snapshot, or a schema version this build does not read.</exception>
    public static BaselineSnapshot Deserialize(ReadOnlySpan<byte> json)
    {
        BaselineSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<BaselineSnapshot>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Not a baseline snapshot: {ex.Message}", ex);
        }

        if (snapshot is null || snapshot.Variants is null)
        {
            throw new InvalidDataException("Not a baseline snapshot: no variants.");
        }

        if (snapshot.SchemaVersion != BaselineSnapshot.CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"Baseline snapshot schema_version {snapshot.SchemaVersion} is not supported; this build reads {BaselineSnapshot.CurrentSchemaVersion}.");
        }

        return snapshot;
    }

    /// <summary>Writes a snapshot file.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="path">Target file.</param>
    public static void Write(BaselineSnapshot snapshot, string path) => File.WriteAllBytes(path, Serialize(snapshot));

    /// <summary>Reads a snapshot file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InvalidDataException">Not a snapshot, or an unsupported version.</exception>
    public static BaselineSnapshot Read(string path) => Deserialize(File.ReadAllBytes(path));
}
