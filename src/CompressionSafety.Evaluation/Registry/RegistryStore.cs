using System.Text.Json;

namespace CompressionSafety.Evaluation.Registry;

/// <summary>Reads, checks and writes <see cref="ModelRegistry"/> files.</summary>
public static class RegistryStore
{
    /// <summary>Reads and checks a registry; relative model paths are resolved against the registry's folder.</summary>
    /// <param name="path">The registry file.</param>
    /// <returns>The registry with absolute file paths.</returns>
    /// <exception cref="EvaluationException">The file is missing, not valid JSON, or inconsistent.</exception>
    public static ModelRegistry Read(string path)
    {
        ModelRegistry? registry;
        try
        {
            using var stream = File.OpenRead(path);
            registry = JsonSerializer.Deserialize<ModelRegistry>(stream, EvaluationJson.Options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            throw new EvaluationException($"Cannot read registry '{path}': {ex.Message}", ex);
        }

        if (registry is null)
        {
            throw new EvaluationException($"Registry '{path}' is empty.");
        }

        if (registry.SchemaVersion != ModelRegistry.CurrentSchemaVersion)
        {
            throw new EvaluationException($"Registry '{path}' has schema_version {registry.SchemaVersion}; this build reads {ModelRegistry.CurrentSchemaVersion}.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var models = (registry.Models ?? []).Select(m => Check(m, folder, path)).ToList();
        if (models.Count == 0)
        {
            throw new EvaluationException($"Registry '{path}' lists no models.");
        }

        return registry with { Models = models };
    }

    /// <summary>Writes a registry as indented JSON.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="path">Target file.</param>
    public static void Write(ModelRegistry registry, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(registry, EvaluationJson.Options));

    private static RegistryModel Check(RegistryModel model, string folder, string path)
    {
        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new EvaluationException($"Registry '{path}', model '{model.Name}': {what}.");
            }
        }

        Require(!string.IsNullOrWhiteSpace(model.Name), "'name' is required");
        Require(!string.IsNullOrWhiteSpace(model.InputName) && !string.IsNullOrWhiteSpace(model.OutputName), "'input_name' and 'output_name' are required");
        Require(model.Labels is { Count: >= 2 }, "'labels' needs at least two labels");
        Require(model.Labels.Contains(model.SafetyPositiveLabel), $"'safety_positive_label' '{model.SafetyPositiveLabel}' is not one of 'labels'");
        Require(model.Baseline is not null, "'baseline' is required");
        var variants = model.Variants ?? [];
        var names = variants.Select(v => v.Name).Append(model.Baseline!.Name).ToList();
        Require(names.All(n => !string.IsNullOrWhiteSpace(n)) && names.Distinct(StringComparer.Ordinal).Count() == names.Count, "variant names must be non-empty and unique");
        RegistryFile Resolve(RegistryFile file) => file with { File = Path.GetFullPath(file.File, folder) };
        return model with { Baseline = Resolve(model.Baseline), Variants = variants.Select(Resolve).ToList() };
    }
}
