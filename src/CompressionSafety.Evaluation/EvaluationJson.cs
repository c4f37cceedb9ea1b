using System.Text.Json;
using System.Text.Json.Serialization;

namespace CompressionSafety.Evaluation;

/// <summary>The JSON conventions of every evaluation file: snake_case names, enums as kebab-case strings.</summary>
public static class EvaluationJson
{
    /// <summary>Options for reading and writing registry, gate policy and evaluation output.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
