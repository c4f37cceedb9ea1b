using System.Globalization;
using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Windows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.Engine.Rules;

/// <summary>
/// Reads and validates rule files (<c>*.yaml</c>, <c>*.yml</c>) from a folder. Rules are plain data: every metric is
/// checked against <see cref="MetricCatalog"/>, and nothing in a file is ever evaluated as code.
/// </summary>
public static class RuleLoader
{
    private static readonly string[] RuleKeys =
        ["id", "metric", "reference", "op", "threshold", "also", "min_samples", "match", "for", "keep_firing_for", "severity", "gate", "labels", "summary", "runbook"];

    private static readonly string[] ConditionKeys = ["metric", "reference", "op", "threshold"];
    private static readonly string[] SampleKeys = ["metric", "reference", "min"];
    private static readonly string[] SilenceKeys = ["id", "matchers", "starts_at", "ends_at", "comment"];
    private static readonly string[] References = ["self", ReferenceNames.Baseline, ReferenceNames.Shadow, ReferenceNames.Snapshot, ReferenceNames.InputReference];

    /// <summary>Loads every rule file of <paramref name="directory"/>; throws <see cref="RuleSetException"/> listing all errors.</summary>
    public static RuleSet LoadDirectory(string directory)
    {
        var (set, errors) = ValidateDirectory(directory);
        return errors.Count > 0 ? throw new RuleSetException(errors) : set;
    }

    /// <summary>Reads every rule file of <paramref name="directory"/> and returns the valid part and every error.</summary>
    public static (RuleSet Set, IReadOnlyList<RuleError> Errors) ValidateDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return (RuleSet.Empty, [new RuleError(directory, 0, null, "rules folder not found")]);
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f)));
        return Validate(files);
    }

    /// <summary>Validates rule files given as (name, text) pairs.</summary>
    public static (RuleSet Set, IReadOnlyList<RuleError> Errors) Validate(IEnumerable<(string File, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var rules = new List<AlertRule>();
        var silences = new List<Silence>();
        var errors = new List<RuleError>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, text) in files)
        {
            var context = new FileContext(file, text, errors);
            context.Read(rules, silences, ids);
        }

        return (new RuleSet(rules, silences), errors);
    }

    private sealed class FileContext(string file, string text, List<RuleError> errors)
    {
        private string? _ruleId;

        public void Read(List<AlertRule> rules, List<Silence> silences, Dictionary<string, string> ids)
        {
            YamlStream stream;
            try
            {
                stream = Yaml.YamlDocuments.Load(text);
            }
            catch (YamlException ex)
            {
                Error(Math.Max(1, ex.Start.Line), "not valid YAML: " + ex.Message);
                return;
            }

            if (stream.Documents.Count == 0)
            {
                return;
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Error(stream.Documents[0].RootNode, "the file must be a mapping with 'rules' and/or 'silences'");
                return;
            }

            CheckKeys(root, ["rules", "silences"]);
            if (Child(root, "rules") is { } ruleNode)
            {
                if (ruleNode is not YamlSequenceNode list)
                {
                    Error(ruleNode, "'rules' must be a list");
                }
                else
                {
                    foreach (var item in list)
                    {
                        if (ReadRule(item) is { } rule)
                        {
                            if (ids.TryGetValue(rule.Id, out var other))
                            {
                                Error(item, $"duplicate rule id (also in {other})");
                            }
                            else
                            {
                                ids[rule.Id] = file;
                                rules.Add(rule);
                            }
                        }

                        _ruleId = null;
                    }
                }
            }

            if (Child(root, "silences") is { } silenceNode)
            {
                if (silenceNode is not YamlSequenceNode list)
                {
                    Error(silenceNode, "'silences' must be a list");
                    return;
                }

                foreach (var item in list)
                {
                    if (ReadSilence(item) is { } silence)
                    {
                        silences.Add(silence);
                    }
                }
            }
        }

        private AlertRule? ReadRule(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "a rule must be a mapping");
                return null;
            }

            var before = errors.Count;
            _lastMain = null;
            _alsoNodes.Clear();
            _sampleNodes.Clear();
            var id = Scalar(map, "id", required: true);
            _ruleId = id;
            if (id is not null && !IsIdentifier(id))
            {
                Error(Child(map, "id")!, "id must use only a-z, 0-9, '-', '_' and '.'");
            }

            CheckKeys(map, RuleKeys);
            var condition = ReadCondition(map, isMain: true);
            var also = new List<RuleCondition>();
            if (Child(map, "also") is { } alsoNode)
            {
                if (alsoNode is YamlSequenceNode seq)
                {
                    foreach (var item in seq)
                    {
                        if (item is YamlMappingNode m)
                        {
                            CheckKeys(m, ConditionKeys);
                            if (ReadCondition(m, isMain: false) is { } c)
                            {
                                also.Add(c);
                            }
                        }
                        else
                        {
                            Error(item, "each 'also' entry must be a mapping with metric, op and threshold");
                        }
                    }
                }
                else
                {
                    Error(alsoNode, "'also' must be a list");
                }
            }

            var samples = ReadSamples(map);
            var kinds = new HashSet<WindowKind>();
            foreach (var (metric, reference, at) in Metrics(condition, also, samples))
            {
                if (MetricCatalog.Find(metric, reference) is { } definition)
                {
                    kinds.Add(definition.Kind);
                }
                else
                {
                    Error(at, reference is null
                        ? $"metric '{metric}' is not in the metric catalogue for reference 'self' (see docs/metrics.md)"
                        : $"metric '{metric}' is not in the metric catalogue for reference '{reference}' (see docs/metrics.md)");
                }
            }

            if (kinds.Count > 1)
            {
                Error(map, "the rule mixes traffic and labels metrics; they arrive in different window results");
            }

            var forWindows = Integer(map, "for", 1, minimum: 1);
            var keep = Integer(map, "keep_firing_for", 0, minimum: 0);
            var severity = Enum(map, "severity", ["info", "warning", "critical"], "warning");
            var gate = Scalar(map, "gate", required: false);
            if (gate is not null && gate is not ("needs-validation" or "reject" or "none"))
            {
                Error(Child(map, "gate")!, $"gate must be needs-validation, reject or none, not '{gate}'");
            }

            var labels = StringMap(map, "labels");
            var selector = ReadSelector(map);
            if (errors.Count > before || id is null || condition is null)
            {
                return null;
            }

            return new AlertRule
            {
                Id = id,
                Condition = condition,
                Also = also,
                MinSamples = samples,
                Kind = kinds.Count == 1 ? kinds.First() : WindowKind.Traffic,
                Selector = selector,
                For = forWindows,
                KeepFiringFor = keep,
                Severity = severity switch { "info" => RuleSeverity.Info, "critical" => RuleSeverity.Critical, _ => RuleSeverity.Warning },
                Gate = gate is "none" ? null : gate,
                Labels = labels,
                Summary = Scalar(map, "summary", required: false) ?? "",
                Runbook = Scalar(map, "runbook", required: false),
                SourceText = SourceOf(map),
                SourceFile = file,
            };
        }

        private IEnumerable<(string Metric, string? Reference, YamlNode At)> Metrics(
            RuleCondition? condition, List<RuleCondition> also, List<SampleRequirement> samples)
        {
            if (condition is not null)
            {
                yield return (condition.Metric, condition.Reference, _lastMain ?? new YamlScalarNode());
            }

            for (var i = 0; i < also.Count; i++)
            {
                yield return (also[i].Metric, also[i].Reference, _alsoNodes[i]);
            }

            for (var i = 0; i < samples.Count; i++)
            {
                yield return (samples[i].Metric, samples[i].Reference, _sampleNodes[i]);
            }
        }

        private YamlNode? _lastMain;
        private readonly List<YamlNode> _alsoNodes = [];
        private readonly List<YamlNode> _sampleNodes = [];

        private RuleCondition? ReadCondition(YamlMappingNode map, bool isMain)
        {
            var before = errors.Count;
            var metric = Scalar(map, "metric", required: true);
            var reference = ReadReference(map);
            var op = Scalar(map, "op", required: true);
            var threshold = Number(map, "threshold", required: true);
            if (metric is null || op is null || threshold is null || errors.Count > before)
            {
                return null;
            }

            ComparisonOperator? parsed = op switch
            {
                ">" => ComparisonOperator.Greater,
                ">=" => ComparisonOperator.GreaterOrEqual,
                "<" => ComparisonOperator.Less,
                "<=" => ComparisonOperator.LessOrEqual,
                _ => null,
            };
            if (parsed is null)
            {
                Error(Child(map, "op")!, $"op must be one of >, >=, <, <=, not '{op}'");
                return null;
            }

            var metricNode = Child(map, "metric")!;
            if (isMain)
            {
                _lastMain = metricNode;
            }
            else
            {
                _alsoNodes.Add(metricNode);
            }

            return new RuleCondition(metric, reference, parsed.Value, threshold.Value);
        }

        private List<SampleRequirement> ReadSamples(YamlMappingNode map)
        {
            var list = new List<SampleRequirement>();
            if (Child(map, "min_samples") is not { } node)
            {
                return list;
            }

            if (node is not YamlSequenceNode seq)
            {
                Error(node, "'min_samples' must be a list of {metric, reference, min}");
                return list;
            }

            foreach (var item in seq)
            {
                if (item is not YamlMappingNode m)
                {
                    Error(item, "each 'min_samples' entry must be a mapping with metric and min");
                    continue;
                }

                CheckKeys(m, SampleKeys);
                var before = errors.Count;
                var metric = Scalar(m, "metric", required: true);
                var reference = ReadReference(m);
                var min = Number(m, "min", required: true);
                if (metric is not null && min is not null && errors.Count == before)
                {
                    if (min < 0)
                    {
                        Error(Child(m, "min")!, "min must be >= 0");
                    }

                    _sampleNodes.Add(Child(m, "metric")!);
                    list.Add(new SampleRequirement(metric, reference, min.Value));
                }
            }

            return list;
        }

        private string? ReadReference(YamlMappingNode map)
        {
            var reference = Scalar(map, "reference", required: false) ?? "self";
            if (!References.Contains(reference, StringComparer.Ordinal))
            {
                Error(Child(map, "reference")!, $"reference must be one of {string.Join(", ", References)}, not '{reference}'");
                return null;
            }

            return reference == "self" ? null : reference;
        }

        private KeySelector ReadSelector(YamlMappingNode map)
        {
            if (Child(map, "match") is not { } node)
            {
                return KeySelector.All;
            }

            if (node is not YamlMappingNode m)
            {
                Error(node, "'match' must be a mapping of model, variant, slice to a pattern or list of patterns");
                return KeySelector.All;
            }

            CheckKeys(m, ["model", "variant", "slice"]);
            return new KeySelector(Patterns(m, "model"), Patterns(m, "variant"), Patterns(m, "slice"));
        }

        private List<string> Patterns(YamlMappingNode map, string key)
        {
            switch (Child(map, key))
            {
                case null:
                    return [];
                case YamlScalarNode s:
                    return [s.Value ?? ""];
                case YamlSequenceNode seq:
                    var list = new List<string>();
                    foreach (var item in seq)
                    {
                        if (item is YamlScalarNode v)
                        {
                            list.Add(v.Value ?? "");
                        }
                        else
                        {
                            Error(item, $"'{key}' patterns must be strings");
                        }
                    }

                    return list;
                case var other:
                    Error(other, $"'{key}' must be a pattern or a list of patterns");
                    return [];
            }
        }

        private Silence? ReadSilence(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "a silence must be a mapping");
                return null;
            }

            var before = errors.Count;
            CheckKeys(map, SilenceKeys);
            var id = Scalar(map, "id", required: true);
            var matchers = StringMap(map, "matchers");
            if (matchers.Count == 0)
            {
                Error(map, "a silence needs at least one matcher");
            }

            var starts = Time(map, "starts_at");
            var ends = Time(map, "ends_at");
            if (starts is not null && ends is not null && ends <= starts)
            {
                Error(Child(map, "ends_at")!, "ends_at must be after starts_at");
            }

            return errors.Count > before || id is null || starts is null || ends is null
                ? null
                : new Silence(id, matchers, starts.Value, ends.Value, Scalar(map, "comment", required: false) ?? "");
        }

        private DateTimeOffset? Time(YamlMappingNode map, string key)
        {
            var text = Scalar(map, key, required: true);
            if (text is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }

            Error(Child(map, key)!, $"{key} must be an RFC 3339 time, not '{text}'");
            return null;
        }

        private Dictionary<string, string> StringMap(YamlMappingNode map, string key)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Child(map, key) is not { } node)
            {
                return result;
            }

            if (node is not YamlMappingNode m)
            {
                Error(node, $"'{key}' must be a mapping of names to strings");
                return result;
            }

            foreach (var (k, v) in m.Children)
            {
                if (k is YamlScalarNode name && v is YamlScalarNode value)
                {
                    result[name.Value ?? ""] = value.Value ?? "";
                }
                else
                {
                    Error(k, $"'{key}' entries must be name: string");
                }
            }

            return result;
        }

        private int Integer(YamlMappingNode map, string key, int fallback, int minimum)
        {
            var text = NumberScalar(map, key, required: false);
            if (text is null)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            {
                return value;
            }

            Error(Child(map, key)!, $"{key} must be a whole number of windows >= {minimum}, not '{text}'");
            return fallback;
        }

        private double? Number(YamlMappingNode map, string key, bool required)
        {
            var text = NumberScalar(map, key, required);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            Error(Child(map, key)!, $"{key} must be a finite number, not '{text}'");
            return null;
        }

        private string Enum(YamlMappingNode map, string key, string[] allowed, string fallback)
        {
            var text = Scalar(map, key, required: false) ?? fallback;
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                Error(Child(map, key)!, $"{key} must be one of {string.Join(", ", allowed)}, not '{text}'");
                return fallback;
            }

            return text;
        }

        /// <summary>
        /// The text of a number: a plain scalar. <c>"0.1"</c> in quotes is a string in YAML, and schema.json (type
        /// number) refuses it; the loader must not accept what the schema refuses, or an editor's check and the
        /// worker's disagree.
        /// </summary>
        private string? NumberScalar(YamlMappingNode map, string key, bool required)
        {
            var text = Scalar(map, key, required);
            if (text is not null && Child(map, key) is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } quoted)
            {
                Error(quoted, $"{key} must be a number, not the string '{text}' (remove the quotes)");
                return null;
            }

            return text;
        }

        private string? Scalar(YamlMappingNode map, string key, bool required)
        {
            var node = Child(map, key);
            if (node is null)
            {
                if (required)
                {
                    Error(map, $"'{key}' is required");
                }

                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                return scalar.Value;
            }

            Error(node, $"'{key}' must be a single value");
            return null;
        }

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        private void CheckKeys(YamlMappingNode map, string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Error(key, $"unknown field '{name}' (allowed: {string.Join(", ", allowed)})");
                }
            }
        }

        private string SourceOf(YamlNode node)
        {
            // A mapping node's own End is where its first key starts, so the rule's extent is the furthest end of any
            // node inside it; whole lines are taken so comments and the list dash stay as written.
            var end = node.AllNodes.Select(n => n.End).MaxBy(m => (m.Line, m.Column))!;
            var lines = text.Split('\n');
            var first = (int)Math.Max(1, node.Start.Line);
            var last = (int)Math.Min(lines.Length, end.Column == 1 && end.Line > first ? end.Line - 1 : end.Line);
            var taken = lines[(first - 1)..Math.Max(first, last)].Select(l => l.TrimEnd('\r')).ToList();

            // Drop the indentation the rule has inside its file, so the text reads as a one-item YAML list.
            var indent = taken.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
            return string.Join('\n', taken.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' '))).TrimEnd();
        }

        private static bool IsIdentifier(string id) =>
            id.Length is > 0 and <= 128 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');

        private void Error(YamlNode node, string message) => Error(node.Start.Line, message);

        private void Error(long line, string message) => errors.Add(new RuleError(file, (int)line, _ruleId, message));
    }
}
