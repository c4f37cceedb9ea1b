using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>Writes the hashes and seed of the reproducibility manifest into <c>report.json</c>'s <c>manifest</c> object.</summary>
internal static class ManifestJson
{
    public static void WriteProperties(Utf8JsonWriter w, ReproducibilityManifest m)
    {
        w.WriteString("config_sha256", m.ConfigSha256);
        w.WriteString("rules_sha256", m.RulesSha256);
        w.WriteString("generator_seed", m.GeneratorSeed);
        w.WriteString("suite_sha256", m.SuiteSha256);
        w.WriteStartArray("models");
        foreach (var model in m.Models)
        {
            w.WriteStartObject();
            w.WriteString("variant", model.Variant);
            w.WriteBoolean("is_baseline", model.IsBaseline);
            w.WriteString("file", model.File);
            w.WriteString("sha256", model.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (m.EvaluationHost is { } host)
        {
            w.WriteStartObject("evaluation_host");
            foreach (var (key, value) in host)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("runs");
        foreach (var run in m.Runs)
        {
            w.WriteStartObject();
            w.WriteString("name", run.Name);
            w.WriteString("config_source", run.ConfigSource);
            w.WriteString("config_sha256", run.ConfigSha256);
            w.WriteString("effective_config_sha256", run.EffectiveConfigSha256);
            w.WriteString("rules_sha256", run.RulesSha256);
            w.WriteString("generator_seed", run.GeneratorSeed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
