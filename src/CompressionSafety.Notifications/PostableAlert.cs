using System.Text.Json.Serialization;

namespace CompressionSafety.Notifications;

/// <summary>One element of Alertmanager's <c>POST /api/v2/alerts</c> body (its <c>postableAlert</c>).</summary>
/// <param name="Labels">Identify the alert: Alertmanager de-duplicates, groups, silences and inhibits by them.</param>
/// <param name="Annotations">What a person reads: summary, runbook, evidence link.</param>
/// <param name="StartsAt">When the alert started firing (RFC 3339).</param>
/// <param name="EndsAt">The lease while firing, the resolution time once resolved (RFC 3339).</param>
/// <param name="GeneratorUrl">Where the alert came from: the evidence on the dashboard.</param>
internal sealed record PostableAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string StartsAt,
    string EndsAt,
    [property: JsonPropertyName("generatorURL")] string GeneratorUrl);

/// <summary>Source-generated JSON for the fixed shape of <see cref="PostableAlert"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<PostableAlert>))]
internal sealed partial class AlertmanagerJson : JsonSerializerContext;
