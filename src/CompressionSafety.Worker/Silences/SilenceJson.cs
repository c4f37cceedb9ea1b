using System.Globalization;
using System.Text.Json;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Worker.Silences;

/// <summary>
/// Silences as JSON, Alertmanager-like: <c>matchers</c> as a list of <c>{name, value, isRegex, isEqual}</c> or as the
/// rule files' object of label name to glob; <c>startsAt</c>, <c>endsAt</c> (RFC 3339), <c>createdBy</c>, <c>comment</c>,
/// optional <c>id</c>. The same shape is used by the silences file.
/// </summary>
internal static class SilenceJson
{
    /// <summary>
    /// Reads one silence from <paramref name="element"/>; returns null and a message naming the field when it is
    /// invalid. <paramref name="newId"/> supplies the id when the object has none.
    /// </summary>
    public static Silence? Parse(JsonElement element, Func<string> newId, out string? error)
    {
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "the body must be a JSON object";
            return null;
        }

        var id = newId;
        if (element.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(idElement.GetString()))
            {
                error = "'id' must be a non-empty string when given";
                return null;
            }

            var given = idElement.GetString()!;
            id = () => given;
        }

        var matchers = Matchers(element, ref error);
        var startsAt = Time(element, "startsAt", ref error);
        var endsAt = Time(element, "endsAt", ref error);
        var createdBy = Text(element, "createdBy", ref error);
        var comment = Text(element, "comment", ref error);
        if (error is null && endsAt <= startsAt)
        {
            error = "'endsAt' must be after 'startsAt'";
        }

        return error is null
            ? new Silence(id(), matchers!, startsAt!.Value, endsAt!.Value, comment!) { CreatedBy = createdBy! }
            : null;
    }

    /// <summary>Writes <paramref name="silence"/>; <paramref name="state"/> (pending, active, expired) is added when given.</summary>
    public static void Write(Utf8JsonWriter writer, Silence silence, string? state)
    {
        writer.WriteStartObject();
        writer.WriteString("id", silence.Id);
        if (state is not null)
        {
            writer.WriteStartObject("status");
            writer.WriteString("state", state);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("matchers");
        foreach (var (name, pattern) in silence.Matchers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var negated = pattern.StartsWith('!');
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("value", negated ? pattern[1..] : pattern);
            writer.WriteBoolean("isRegex", false);
            writer.WriteBoolean("isEqual", !negated);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("startsAt", Format(silence.StartsAt));
        writer.WriteString("endsAt", Format(silence.EndsAt));
        writer.WriteString("createdBy", silence.CreatedBy);
        writer.WriteString("comment", silence.Comment);
        writer.WriteEndObject();
    }

    private static Dictionary<string, string>? Matchers(JsonElement element, ref string? error)
    {
        const string Expected = "'matchers' is required: a non-empty list of {name, value, isRegex, isEqual} or an object of label name to glob";
        if (error is not null)
        {
            return null;
        }

        if (!element.TryGetProperty("matchers", out var matchers))
        {
            error = Expected;
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (matchers.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in matchers.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String || property.Name.Length == 0)
                {
                    error = $"matchers.{property.Name}: each matcher must map a label name to a glob string";
                    return null;
                }

                result[property.Name] = property.Value.GetString()!;
            }
        }
        else if (matchers.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var matcher in matchers.EnumerateArray())
            {
                if (Matcher(matcher, index++, result) is { } problem)
                {
                    error = problem;
                    return null;
                }
            }
        }

        if (result.Count == 0)
        {
            error = Expected;
            return null;
        }

        return result;
    }

    private static string? Matcher(JsonElement matcher, int index, Dictionary<string, string> result)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"matchers[{index}]");
        if (matcher.ValueKind != JsonValueKind.Object
            || !matcher.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0
            || !matcher.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return at + ": needs a non-empty string 'name' and a string 'value'";
        }

        if (Flag(matcher, "isRegex", fallback: false) is not { } isRegex)
        {
            return at + ".isRegex must be true or false";
        }

        if (isRegex)
        {
            return at + ".isRegex: regular expressions are not supported; use a glob in 'value' (* and ?) with isRegex false";
        }

        if (Flag(matcher, "isEqual", fallback: true) is not { } isEqual)
        {
            return at + ".isEqual must be true or false";
        }

        var label = name.GetString()!;
        if (result.ContainsKey(label))
        {
            return at + $": a second matcher on '{label}'; use one matcher per label";
        }

        result[label] = (isEqual ? "" : "!") + value.GetString();
        return null;
    }

    private static bool? Flag(JsonElement element, string name, bool fallback) =>
        !element.TryGetProperty(name, out var flag) ? fallback
        : flag.ValueKind == JsonValueKind.True ? true
        : flag.ValueKind == JsonValueKind.False ? false
        : null;

    private static DateTimeOffset? Time(JsonElement element, string name, ref string? error)
    {
        if (error is not null)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        error = $"'{name}' is required: an RFC 3339 time such as 2026-11-26T16:00:00Z";
        return null;
    }

    private static string? Text(JsonElement element, string name, ref string? error)
    {
        if (error is not null)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        error = $"'{name}' is required: a non-empty string";
        return null;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
