using System.Text.Json.Serialization;

namespace CompressionSafety.Evaluation.Registry;

/// <summary>A model: its baseline, its compressed variants and how to read its tensors.</summary>
/// <param name="Name">Model name.</param>
/// <param name="InputName">Shorthand for one float <c>[batch, features]</c> input; ignored when <paramref name="Inputs"/> is given.</param>
/// <param name="OutputName">Shorthand for a probabilities output; ignored when <paramref name="Output"/> is given.</param>
/// <param name="Labels">Label of each output column, in order.</param>
/// <param name="SafetyPositiveLabel">The label whose miss is unsafe (e.g. <c>unsafe</c>).</param>
/// <param name="Baseline">The full-precision baseline.</param>
/// <param name="Variants">The compressed variants.</param>
/// <param name="Inputs">Every ONNX input and its source; after <see cref="RegistryStore.Read"/> always set.</param>
/// <param name="Output">The scored output and its kind; after <see cref="RegistryStore.Read"/> always set.</param>
/// <param name="Tokenizer">How case texts become token ids; required when an input has a token source.</param>
public sealed record RegistryModel(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InputName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OutputName,
    IReadOnlyList<string> Labels,
    string SafetyPositiveLabel,
    RegistryFile Baseline,
    IReadOnlyList<RegistryFile> Variants,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RegistryInput>? Inputs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RegistryOutput? Output = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RegistryTokenizer? Tokenizer = null)
{
    /// <summary>True when an input reads the case's text.</summary>
    [JsonIgnore]
    public bool ReadsText => Inputs?.Any(i => i.Source != InputSource.Features) ?? false;

    /// <summary>True when an input reads the case's features.</summary>
    [JsonIgnore]
    public bool ReadsFeatures => Inputs?.Any(i => i.Source == InputSource.Features) ?? InputName is not null;
}
