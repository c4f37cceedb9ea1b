using CompressionSafety.Evaluation.Gating;

namespace CompressionSafety.Evaluation.Registry;

/// <summary>The model registry file (<c>registry.json</c>).</summary>
/// <param name="SchemaVersion">Format version; this build reads <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Models">The registered models.</param>
/// <param name="Gate">The gate policy; the default policy when absent.</param>
public sealed record ModelRegistry(int SchemaVersion, IReadOnlyList<RegistryModel> Models, GatePolicy? Gate = null)
{
    /// <summary>The registry format version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;
}
