namespace CompressionSafety.Engine.Snapshots;

/// <summary>
/// What a baseline re-evaluation expects of each variant: rates and reference distributions per slice, tied to the
/// exact model files (SHA-256) and suite that produced them. Rules compare live windows with it (<c>against: snapshot</c>).
/// </summary>
/// <param name="SchemaVersion">Format version; readers refuse versions they do not know.</param>
/// <param name="Model">Model name.</param>
/// <param name="CreatedAt">When the re-evaluation finished.</param>
/// <param name="ToolVersion">Version of the tool that wrote it.</param>
/// <param name="Seed">Seed of the suite generator, when known.</param>
/// <param name="SuiteSha256">SHA-256 of the suite file.</param>
/// <param name="SuiteCases">Cases evaluated.</param>
/// <param name="Labels">Label order.</param>
/// <param name="SafetyPositiveLabel">The label whose miss is unsafe.</param>
/// <param name="Variants">Baseline and compressed variants.</param>
/// <param name="Host">The machine the re-evaluation ran on (CPU model, instruction-set features, ONNX Runtime version, ...); null when unknown.</param>
public sealed record BaselineSnapshot(
    int SchemaVersion,
    string Model,
    DateTimeOffset CreatedAt,
    string ToolVersion,
    long? Seed,
    string SuiteSha256,
    long SuiteCases,
    IReadOnlyList<string> Labels,
    string SafetyPositiveLabel,
    IReadOnlyList<SnapshotVariant> Variants,
    IReadOnlyDictionary<string, string>? Host = null)
{
    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;
}
