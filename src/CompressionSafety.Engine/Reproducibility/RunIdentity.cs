using System.Text.Json;

namespace CompressionSafety.Engine.Reproducibility;

/// <summary>
/// What a run was configured with, as written into replay's <c>summary.json</c> and the worker's
/// <c>run-YYYY-MM-DD.json</c> and read back by the report's reproducibility manifest.
/// </summary>
/// <param name="ConfigSha256">SHA-256 of the settings file's bytes, or <paramref name="EffectiveConfigSha256"/> when there was no file.</param>
/// <param name="ConfigSource"><c>file</c> (a <c>--config</c> file), <c>defaults</c> (replay without one) or <c>worker</c> (the worker's <c>Engine</c> section).</param>
/// <param name="EffectiveConfigSha256">SHA-256 of the effective settings in canonical form (<see cref="ConfigurationHash"/>), comparable across replay and worker.</param>
/// <param name="RulesSha256">SHA-256 of the rule folder (<see cref="RuleSetHash"/>), or null when the run had no rules.</param>
public sealed record RunIdentity(string ConfigSha256, string ConfigSource, string EffectiveConfigSha256, string? RulesSha256)
{
    /// <summary>Writes the four properties into the object being written.</summary>
    /// <param name="writer">A writer positioned inside an object.</param>
    public void WriteProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("config_sha256", ConfigSha256);
        writer.WriteString("config_source", ConfigSource);
        writer.WriteString("effective_config_sha256", EffectiveConfigSha256);
        if (RulesSha256 is null)
        {
            writer.WriteNull("rules_sha256");
        }
        else
        {
            writer.WriteString("rules_sha256", RulesSha256);
        }
    }
}
