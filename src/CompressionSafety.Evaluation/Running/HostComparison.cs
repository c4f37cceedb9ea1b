using System.Text.Json;
using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Hosts;

namespace CompressionSafety.Evaluation.Running;

/// <summary>
/// Two runs of the same registry and suite side by side (<c>evaluate --compare</c>), typically on two machines:
/// per variant the cases whose predicted label differs and whether the gate decision differs. Same files and suite
/// on different CPUs should agree; where they do not, the hosts (instruction sets, ONNX Runtime version) say why.
/// </summary>
/// <param name="Other">The other run's <c>evaluation.json</c>.</param>
/// <param name="Host">This run's host, flattened.</param>
/// <param name="OtherHost">The other run's host, flattened; null when it recorded none.</param>
/// <param name="SameSuite">True when both runs read a suite with the same SHA-256.</param>
/// <param name="CommonCases">Cases present in both runs (matched by id).</param>
/// <param name="Variants">One entry per variant present in both runs, in this run's order.</param>
public sealed record HostComparison(
    string Other,
    IReadOnlyDictionary<string, string>? Host,
    IReadOnlyDictionary<string, string>? OtherHost,
    bool SameSuite,
    int CommonCases,
    IReadOnlyList<VariantComparison> Variants)
{
    /// <summary>The file <c>evaluate --compare</c> writes next to <c>evaluation.json</c>.</summary>
    public const string FileName = "comparison.json";

    /// <summary>Compares a finished run with another run's <c>evaluation.json</c>.</summary>
    /// <param name="result">This run.</param>
    /// <param name="otherPath">The other run's file.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="EvaluationException">The file is unreadable, of another model, or has no per-case predictions.</exception>
    public static HostComparison Compare(EvaluationResult result, string otherPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(otherPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new EvaluationException($"Cannot read '{otherPath}' to compare: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            if (Text(root, "model") != result.Model)
            {
                throw new EvaluationException($"'{otherPath}' evaluated model '{Text(root, "model")}', this run '{result.Model}'.");
            }

            if (!root.TryGetProperty("case_ids", out var idsElement) || idsElement.ValueKind != JsonValueKind.Array)
            {
                throw new EvaluationException($"'{otherPath}' has no per-case predictions ('case_ids'); re-run evaluate there with this version.");
            }

            var otherLabels = root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
            var otherRow = idsElement.EnumerateArray().Select((id, row) => (Id: id.GetString()!, Row: row)).ToDictionary(x => x.Id, x => x.Row, StringComparer.Ordinal);
            var ids = result.CaseIds ?? [];
            var common = ids.Count(otherRow.ContainsKey);
            var others = root.GetProperty("variants").EnumerateArray().ToDictionary(v => Text(v, "name"), v => v.Clone(), StringComparer.Ordinal);
            var variants = new List<VariantComparison>();
            foreach (var variant in result.Variants)
            {
                if (!others.TryGetValue(variant.Name, out var other) || !other.TryGetProperty("predictions", out var predictions))
                {
                    continue;
                }

                var theirs = predictions.EnumerateArray().Select(p => p.GetInt32()).ToArray();
                var cases = new List<CaseDifference>();
                for (var n = 0; n < ids.Count; n++)
                {
                    if (otherRow.TryGetValue(ids[n], out var row) && row < theirs.Length)
                    {
                        var mine = result.Labels[variant.Predictions![n]];
                        var their = otherLabels[theirs[row]];
                        if (mine != their)
                        {
                            cases.Add(new CaseDifference(ids[n], mine, their));
                        }
                    }
                }

                var gate = GateDecisionText.Of(variant.Gate);
                var otherGate = Text(other, "gate");
                variants.Add(new VariantComparison(variant.Name, gate, otherGate, gate != otherGate, cases.Count, cases));
            }

            return new HostComparison(
                otherPath, result.Host?.ToProperties(), HostProperties.Read(root), Text(root, "suite_sha256") == result.SuiteSha256, common, variants);
        }
    }
}
