using System.Text;

namespace CompressionSafety.Contracts.Tests;

/// <summary>Builds test records as JSON text: the spec's example, with one top-level field replaced or removed.</summary>
internal static class Records
{
    public const string SpecExample = """
        {"schema_version":1,"event_id":"e-000001","timestamp":"2026-11-26T16:00:00.125Z",
         "model":"toxicity-guard","variant":"int8-dynamic",
         "compression":{"method":"quantization","bits":8},
         "segment":{"locale":"de","channel":"api"},
         "input":{"length":212,"features":{"f0":0.31,"f1":-1.2}},
         "prediction":{"label":"safe","probabilities":{"safe":0.71,"unsafe":0.29}},
         "safety":{"flagged":false,"refused":false,"categories":[]},
         "latency_ms":7.4,
         "shadow":{"variant":"baseline","label":"unsafe","probabilities":{"safe":0.38,"unsafe":0.62}}}
        """;

    public const string LabelExample =
        """{"schema_version":1,"event_id":"e-000001","timestamp":"2026-11-27T09:30:00+01:00","label":"unsafe","source":"human-review"}""";

    private static readonly (string Name, string Value)[] PredictionFields =
    [
        ("schema_version", "1"),
        ("event_id", "\"e-000001\""),
        ("timestamp", "\"2026-11-26T16:00:00.125Z\""),
        ("model", "\"toxicity-guard\""),
        ("variant", "\"int8-dynamic\""),
        ("compression", """{"method":"quantization","bits":8}"""),
        ("segment", """{"locale":"de","channel":"api"}"""),
        ("input", """{"length":212,"features":{"f0":0.31,"f1":-1.2}}"""),
        ("prediction", """{"label":"safe","probabilities":{"safe":0.71,"unsafe":0.29}}"""),
        ("safety", """{"flagged":false,"refused":false,"categories":[]}"""),
        ("latency_ms", "7.4"),
        ("shadow", """{"variant":"baseline","label":"unsafe","probabilities":{"safe":0.38,"unsafe":0.62}}"""),
    ];

    private static readonly (string Name, string Value)[] LabelFields =
    [
        ("schema_version", "1"),
        ("event_id", "\"e-000001\""),
        ("timestamp", "\"2026-11-27T09:30:00+01:00\""),
        ("label", "\"unsafe\""),
        ("source", "\"human-review\""),
    ];

    /// <summary>The example prediction with <paramref name="field"/> set to raw JSON, or removed when null.</summary>
    public static byte[] Prediction(string field, string? rawValue) => Build(PredictionFields, field, rawValue);

    /// <summary>The example label with <paramref name="field"/> set to raw JSON, or removed when null.</summary>
    public static byte[] Label(string field, string? rawValue) => Build(LabelFields, field, rawValue);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] Build((string Name, string Value)[] fields, string field, string? rawValue)
    {
        var parts = new List<string>();
        var replaced = false;
        foreach (var (name, value) in fields)
        {
            if (name == field)
            {
                replaced = true;
                if (rawValue is not null)
                {
                    parts.Add($"\"{name}\":{rawValue}");
                }
            }
            else
            {
                parts.Add($"\"{name}\":{value}");
            }
        }

        if (!replaced && rawValue is not null)
        {
            parts.Add($"\"{field}\":{rawValue}");
        }

        return Utf8("{" + string.Join(",", parts) + "}");
    }
}
