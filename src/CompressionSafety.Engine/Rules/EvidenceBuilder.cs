using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>Collects an incident's evidence from the window that changed its state.</summary>
internal static class EvidenceBuilder
{
    public static IncidentEvidence Build(AlertRule rule, RuleKeyState state, WindowResult result)
    {
        var main = rule.Condition;
        var value = main.ValueIn(result);
        var stem = Strip(Strip(main.Metric, "_low"), "_high");
        var low = RuleCondition.Lookup(result, stem + "_low", main.Reference);
        var high = RuleCondition.Lookup(result, stem + "_high", main.Reference);
        double? referenceValue = null;
        if (main.Reference is not null && stem.EndsWith("_diff", StringComparison.Ordinal)
            && RuleCondition.Lookup(result, stem, main.Reference) is { } diff
            && RuleCondition.Lookup(result, stem[..^"_diff".Length], null) is { } own)
        {
            referenceValue = own - diff;
        }

        var conditions = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var condition in rule.Also.Prepend(main))
        {
            if (condition.ValueIn(result) is { } v)
            {
                conditions[Qualified(condition.Metric, condition.Reference)] = v;
            }
        }

        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var definition in MetricCatalog.All)
        {
            if (definition.Unit == "count" && !definition.IsFamily
                && RuleCondition.Lookup(result, definition.Name, definition.Reference) is { } n)
            {
                samples[Qualified(definition.Name, definition.Reference)] = n;
            }
        }

        var windows = state.Windows.Select(w => w.Start).ToArray();
        var (first, last) = EventTimeRange(state.Windows, result);
        return new IncidentEvidence(
            main.Metric,
            main.Reference ?? "self",
            value,
            referenceValue,
            low,
            high,
            $"{main.Metric} {main.OperatorText} {main.Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
            conditions,
            samples,
            windows,
            first,
            last,
            rule.SourceText);
    }

    /// <summary>
    /// The records' event-time range over the episode's windows and the window of the state change; when none of them
    /// counted a record, the span of those windows instead.
    /// </summary>
    private static (DateTimeOffset First, DateTimeOffset Last) EventTimeRange(List<EvidenceWindow> windows, WindowResult result)
    {
        DateTimeOffset? first = result.FirstEventTime;
        DateTimeOffset? last = result.LastEventTime;
        foreach (var window in windows)
        {
            if (window.FirstEventTime is { } f && (first is null || f < first))
            {
                first = f;
            }

            if (window.LastEventTime is { } l && (last is null || l > last))
            {
                last = l;
            }
        }

        return (first ?? (windows.Count > 0 ? windows[0].Start : result.WindowStart), last ?? result.WindowEnd);
    }

    private static string Qualified(string metric, string? reference) => reference is null ? metric : reference + "." + metric;

    private static string Strip(string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;
}
