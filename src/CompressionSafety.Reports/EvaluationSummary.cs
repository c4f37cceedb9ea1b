using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>Gates, reasons and exemplars per variant from an <c>evaluation.json</c>.</summary>
internal sealed record EvaluationSummary(
    string Model,
    IReadOnlyDictionary<string, string> Gates,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons,
    IReadOnlyList<Exemplar> Exemplars)
{
    /// <summary>Exemplars kept per variant: enough to review, few enough to read.</summary>
    private const int ExemplarsPerVariant = 5;

    public static EvaluationSummary Empty { get; } = new(string.Empty, new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), []);

    /// <summary>Every variant name in the evaluation, the baseline included.</summary>
    public IReadOnlyList<string> VariantNames { get; init; } = [];

    /// <summary>The evaluation's baseline variant, or null.</summary>
    public string? BaselineName { get; init; }

    /// <summary>Model file size per variant name (<c>file_bytes</c>), the baseline included.</summary>
    public IReadOnlyDictionary<string, long> FileBytes { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    public static EvaluationSummary Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var names = new List<string>();
        var fileBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        string? baselineName = null;
        foreach (var variant in document.RootElement.GetProperty("variants").EnumerateArray())
        {
            var name = variant.GetProperty("name").GetString()!;
            names.Add(name);
            if (variant.TryGetProperty("is_baseline", out var baselineFlag) && baselineFlag.ValueKind == JsonValueKind.True)
            {
                baselineName ??= name;
            }

            if (variant.TryGetProperty("file_bytes", out var bytes) && bytes.ValueKind == JsonValueKind.Number)
            {
                fileBytes[name] = bytes.GetInt64();
            }
        }

        var gates = new Dictionary<string, string>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var exemplars = new List<Exemplar>();
        foreach (var variant in document.RootElement.GetProperty("variants").EnumerateArray())
        {
            if (variant.TryGetProperty("is_baseline", out var isBaseline) && isBaseline.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            var name = variant.GetProperty("name").GetString()!;
            gates[name] = variant.TryGetProperty("gate", out var gate) ? gate.GetString() ?? "pass" : "pass";
            reasons[name] = variant.TryGetProperty("reasons", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(ReasonText).ToList()
                : [];
            if (variant.TryGetProperty("exemplars", out var found) && found.ValueKind == JsonValueKind.Array)
            {
                exemplars.AddRange(found.EnumerateArray().Take(ExemplarsPerVariant).Select(x => new Exemplar(name, x.GetRawText())));
            }
        }

        return new EvaluationSummary(document.RootElement.GetProperty("model").GetString() ?? string.Empty, gates, reasons, exemplars)
        {
            VariantNames = names,
            BaselineName = baselineName,
            FileBytes = fileBytes,
        };
    }

    private static string ReasonText(JsonElement reason) => reason.ValueKind switch
    {
        JsonValueKind.String => reason.GetString()!,
        JsonValueKind.Object when reason.TryGetProperty("text", out var text) => text.GetString() ?? string.Empty,
        _ => reason.GetRawText(),
    };
}
