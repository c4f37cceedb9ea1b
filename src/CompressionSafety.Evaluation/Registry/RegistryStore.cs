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
        Require(model.Inputs is { Count: > 0 } || !string.IsNullOrWhiteSpace(model.InputName), "'inputs' or 'input_name' is required");
        Require(model.Output is not null || !string.IsNullOrWhiteSpace(model.OutputName), "'output' or 'output_name' is required");
        var inputs = model.Inputs is { Count: > 0 } ? model.Inputs : [new RegistryInput(model.InputName!, InputSource.Features)];
        Require(inputs.All(i => i is not null && !string.IsNullOrWhiteSpace(i.Name)), "every entry of 'inputs' needs a 'name'");
        Require(inputs.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() == inputs.Count, "input names must be unique");
        Require(inputs.Count(i => i.Source == InputSource.Features) <= 1, "at most one input reads 'features'");
        Require(inputs.All(i => i.Shape is null || (i.Source == InputSource.Features && i.Shape.Count > 0 && i.Shape.All(d => d > 0))),
            "'shape' applies to a 'features' input only and lists positive dimensions after the batch");
        var output = model.Output ?? new RegistryOutput(model.OutputName!);
        Require(!string.IsNullOrWhiteSpace(output.Name), "'output' needs a 'name'");
        var tokenizer = model.Tokenizer;
        var readsText = inputs.Any(i => i.Source != InputSource.Features);
        Require(!readsText || tokenizer is not null, "an input with a token source needs a 'tokenizer'");
        Require(readsText || tokenizer is null, "'tokenizer' is set but no input has a token source");
        if (tokenizer is not null)
        {
            Require(!string.IsNullOrWhiteSpace(tokenizer.Vocab), "'tokenizer.vocab' is required");
            Require(tokenizer.Kind != TokenizerKind.Bpe || !string.IsNullOrWhiteSpace(tokenizer.Merges), "a 'bpe' tokenizer needs 'merges'");
            Require(tokenizer.Kind != TokenizerKind.Tiktoken || !string.IsNullOrWhiteSpace(tokenizer.Model), "a 'tiktoken' tokenizer needs 'model' (for example gpt-4)");
            Require(tokenizer.MaxLength >= 3, "'tokenizer.max_length' must be at least 3");
            tokenizer = tokenizer with
            {
                Vocab = Path.GetFullPath(tokenizer.Vocab, folder),
                Merges = tokenizer.Merges is null ? null : Path.GetFullPath(tokenizer.Merges, folder),
            };
        }

        Require(model.Labels is { Count: >= 2 }, "'labels' needs at least two labels");
        Require(model.Labels.Contains(model.SafetyPositiveLabel), $"'safety_positive_label' '{model.SafetyPositiveLabel}' is not one of 'labels'");
        Require(model.Baseline is not null, "'baseline' is required");
        var variants = model.Variants ?? [];
        Require(variants.All(v => v is not null), "'variants' entries must be objects");
        Require(variants.Append(model.Baseline).All(f => !string.IsNullOrWhiteSpace(f!.File)), "every baseline and variant needs a 'file'");
        var names = variants.Select(v => v.Name).Append(model.Baseline!.Name).ToList();
        Require(names.All(n => !string.IsNullOrWhiteSpace(n)) && names.Distinct(StringComparer.Ordinal).Count() == names.Count, "variant names must be non-empty and unique");
        RegistryFile Resolve(RegistryFile file) => file with { File = Path.GetFullPath(file.File, folder) };
        return model with
        {
            Baseline = Resolve(model.Baseline), Variants = variants.Select(Resolve).ToList(), Inputs = inputs, Output = output, Tokenizer = tokenizer,
        };
    }
}
