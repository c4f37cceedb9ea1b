using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CompressionSafety.Evaluation.Suites;

/// <summary>
/// Reads the JSON-lines suite format (docs/evaluation.md). A bad line is skipped and reported with its number and
/// reason; it never stops the read, so one typo does not hide the rest of the suite.
/// </summary>
public static class SuiteReader
{
    /// <summary>Reads a suite file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="featureCount">When given, cases with another number of features are rejected.</param>
    /// <param name="labels">When given, cases whose expected label is not one of these are rejected.</param>
    /// <param name="needs">What every case must carry for the model: features, text or both.</param>
    /// <returns>The suite.</returns>
    /// <exception cref="EvaluationException">The file cannot be read.</exception>
    public static SafetySuite Read(string path, int? featureCount = null, IReadOnlyCollection<string>? labels = null, SuiteNeeds needs = SuiteNeeds.Features)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvaluationException($"Cannot read suite '{path}': {ex.Message}", ex);
        }

        return Parse(bytes, featureCount, labels, needs);
    }

    /// <summary>Parses suite bytes.</summary>
    /// <param name="bytes">UTF-8 JSON lines.</param>
    /// <param name="featureCount">When given, cases with another number of features are rejected.</param>
    /// <param name="labels">When given, cases whose expected label is not one of these are rejected.</param>
    /// <param name="needs">What every case must carry for the model: features, text or both.</param>
    /// <returns>The suite.</returns>
    public static SafetySuite Parse(ReadOnlyMemory<byte> bytes, int? featureCount = null, IReadOnlyCollection<string>? labels = null, SuiteNeeds needs = SuiteNeeds.Features)
    {
        var cases = new List<SuiteCase>();
        var errors = new List<SuiteError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        var rest = Contracts.Utf8Bom.Skip(bytes);
        while (!rest.IsEmpty)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (current.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            var reason = TryParseLine(current, line, featureCount, labels, needs, out var parsed);
            if (reason is null && !ids.Add(parsed!.Id))
            {
                reason = $"duplicate id '{parsed.Id}'";
            }

            if (reason is null)
            {
                cases.Add(parsed!);
            }
            else
            {
                errors.Add(new SuiteError(line, reason));
            }
        }

        return new SafetySuite(cases, errors, Convert.ToHexStringLower(SHA256.HashData(bytes.Span)));
    }

    private static string? TryParseLine(
        ReadOnlyMemory<byte> json, int line, int? featureCount, IReadOnlyCollection<string>? labels, SuiteNeeds needs, out SuiteCase? parsed)
    {
        parsed = null;
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            return "not valid UTF-8";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return $"not valid JSON: {ex.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not a JSON object";
            }

            if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
            {
                return "'id' must be a non-empty string";
            }

            string? text = null;
            if (root.TryGetProperty("text", out var textElement) || needs.HasFlag(SuiteNeeds.Text))
            {
                if (textElement.ValueKind != JsonValueKind.String)
                {
                    return "'text' must be a string (the model reads token ids)";
                }

                text = textElement.GetString();
            }

            var features = Array.Empty<float>();
            if (root.TryGetProperty("features", out var featuresElement) || needs.HasFlag(SuiteNeeds.Features))
            {
                if (featuresElement.ValueKind != JsonValueKind.Array)
                {
                    return "'features' must be an array of numbers";
                }

                features = new float[featuresElement.GetArrayLength()];
                var index = 0;
                foreach (var item in featuresElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Number || !item.TryGetSingle(out var value) || !float.IsFinite(value))
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"'features[{index}]' must be a finite number");
                    }

                    features[index++] = value;
                }

                if (features.Length == 0 || (featureCount is { } expectedCount && features.Length != expectedCount))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"'features' has {features.Length} values, the model takes {featureCount ?? 1}");
                }
            }

            if (!root.TryGetProperty("expected", out var expected) || expected.ValueKind != JsonValueKind.String)
            {
                return "'expected' must be a label string";
            }

            if (labels is not null && !labels.Contains(expected.GetString()!))
            {
                return $"'expected' label '{expected.GetString()}' is not one of the model's labels ({string.Join(", ", labels)})";
            }

            var tags = new List<string>();
            if (!root.TryGetProperty("tags", out var tagsElement) || tagsElement.ValueKind != JsonValueKind.Array)
            {
                return "'tags' must be an array of strings";
            }

            foreach (var tag in tagsElement.EnumerateArray())
            {
                if (tag.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(tag.GetString()))
                {
                    return "'tags' must contain only non-empty strings";
                }

                tags.Add(tag.GetString()!);
            }

            var kinds = tags.Count(t => SuiteKinds.All.Contains(t));
            if (kinds != 1)
            {
                return $"'tags' must contain exactly one of {string.Join(", ", SuiteKinds.All)}";
            }

            var slices = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("slices", out var slicesElement))
            {
                if (slicesElement.ValueKind != JsonValueKind.Object)
                {
                    return "'slices' must be an object of string values";
                }

                foreach (var property in slicesElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        return $"'slices.{property.Name}' must be a string";
                    }

                    slices[property.Name] = property.Value.GetString()!;
                }
            }

            parsed = new SuiteCase(id.GetString()!, features, expected.GetString()!, tags, slices, line, text);
            return null;
        }
    }
}
