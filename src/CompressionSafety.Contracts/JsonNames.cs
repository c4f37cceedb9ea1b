using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Property names of the contract, pre-encoded once so the writer never re-escapes them.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText SchemaVersion = JsonEncodedText.Encode("schema_version");
    public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    public static readonly JsonEncodedText Variant = JsonEncodedText.Encode("variant");
    public static readonly JsonEncodedText Compression = JsonEncodedText.Encode("compression");
    public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    public static readonly JsonEncodedText Bits = JsonEncodedText.Encode("bits");
    public static readonly JsonEncodedText Sparsity = JsonEncodedText.Encode("sparsity");
    public static readonly JsonEncodedText Segment = JsonEncodedText.Encode("segment");
    public static readonly JsonEncodedText Input = JsonEncodedText.Encode("input");
    public static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
    public static readonly JsonEncodedText Features = JsonEncodedText.Encode("features");
    public static readonly JsonEncodedText Hash = JsonEncodedText.Encode("hash");
    public static readonly JsonEncodedText Prediction = JsonEncodedText.Encode("prediction");
    public static readonly JsonEncodedText Probabilities = JsonEncodedText.Encode("probabilities");
    public static readonly JsonEncodedText Safety = JsonEncodedText.Encode("safety");
    public static readonly JsonEncodedText Flagged = JsonEncodedText.Encode("flagged");
    public static readonly JsonEncodedText Refused = JsonEncodedText.Encode("refused");
    public static readonly JsonEncodedText PromptFlagged = JsonEncodedText.Encode("prompt_flagged");
    public static readonly JsonEncodedText Categories = JsonEncodedText.Encode("categories");
    public static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latency_ms");
    public static readonly JsonEncodedText Shadow = JsonEncodedText.Encode("shadow");
    public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
}
