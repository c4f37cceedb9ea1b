using System.Globalization;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.Cli.Configuration;

/// <summary>
/// Reads a replay configuration file, YAML or JSON (JSON is read as YAML, of which it is a subset). Keys are snake_case
/// and documented in <c>docs/configuration.md</c>. An unknown key, a wrong type or an out-of-range value fails with a
/// message naming the file and the setting, before any record is read.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Loads <paramref name="path"/>; throws <see cref="ConfigurationException"/> with a precise message.</summary>
    public static ReplaySettings Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"config {path}: file not found");
        }

        var text = File.ReadAllText(path);
        var fileSha256 = Engine.Reproducibility.ConfigurationHash.FileSha256(path);
        YamlMappingNode root;
        try
        {
            var stream = Engine.Yaml.YamlDocuments.Load(text);
            if (stream.Documents.Count == 0)
            {
                return ReplaySettings.Default() with { SourceText = text, ConfigFileSha256 = fileSha256 };
            }

            root = stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new ConfigurationException($"config {path}: the top level must be a mapping of settings");
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"config {path}: line {Math.Max(1, ex.Start.Line)}: not valid YAML or JSON: {ex.Message}", ex);
        }

        var engine = new EngineOptions();
        var maxRecordBytes = ParserOptions.DefaultMaxRecordBytes;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var setting = new Setting(path, key, valueNode);
            switch (key)
            {
                case "window_size": engine.WindowSize = setting.Duration(); break;
                case "grace": engine.Grace = setting.Duration(); break;
                case "label_horizon": engine.LabelHorizon = setting.Duration(); break;
                case "dedup_horizon": engine.DedupHorizon = setting.Duration(); break;
                case "max_future_skew": engine.MaxFutureSkew = setting.Duration(); break;
                case "max_tracked_events": engine.MaxTrackedEvents = setting.Integer(); break;
                case "segment_attributes": engine.SegmentAttributes = setting.StringList(); break;
                case "max_slice_values_per_attribute": engine.MaxSliceValuesPerAttribute = setting.Integer(); break;
                case "max_models": engine.MaxModels = setting.Integer(); break;
                case "max_variants_per_model": engine.MaxVariantsPerModel = setting.Integer(); break;
                case "max_segment_attributes": engine.MaxSegmentAttributes = setting.Integer(); break;
                case "default_positive_label": engine.DefaultPositiveLabel = setting.String(); break;
                case "positive_labels": engine.PositiveLabels = setting.StringMap(); break;
                case "baseline_variant": engine.BaselineVariant = setting.String(); break;
                case "low_confidence_threshold": engine.LowConfidenceThreshold = setting.Number(); break;
                case "probability_bins": engine.ProbabilityBins = setting.Integer(); break;
                case "calibration_bins": engine.CalibrationBins = setting.Integer(); break;
                case "max_features": engine.MaxFeatures = setting.Integer(); break;
                case "input_drift_bins": engine.InputDriftBins = setting.Integer(); break;
                case "input_reference_windows": engine.InputReferenceWindows = setting.Integer(); break;
                case "max_categories": engine.MaxCategories = setting.Integer(); break;
                case "anomaly_detectors": engine.AnomalyDetectors = setting.StringList(allowEmpty: true); break;
                case "confidence_sequence_alpha": engine.ConfidenceSequenceAlpha = setting.Number(); break;
                case "discordance_cusum_alternative": engine.DiscordanceCusumAlternative = setting.Number(); break;
                case "max_record_bytes": maxRecordBytes = setting.Integer(); break;
                default:
                    throw new ConfigurationException($"config {path}: line {keyNode.Start.Line}: unknown setting '{key}' (see docs/configuration.md)");
            }
        }

        var errors = engine.Validate().Select(ToSnakeCase).ToList();
        if (maxRecordBytes < 64)
        {
            errors.Add("max_record_bytes: must be at least 64");
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException($"config {path}: {string.Join("; ", errors)}");
        }

        return new ReplaySettings(engine, new ParserOptions { MaxRecordBytes = maxRecordBytes }, text) { ConfigFileSha256 = fileSha256 };
    }

    private static string ToSnakeCase(string message)
    {
        // Validation messages start with the C# property name; configuration users know the snake_case key.
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return message;
        }

        var name = message[..colon];
        var snake = string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return snake + message[colon..];
    }

    private readonly record struct Setting(string Path, string Key, YamlNode Node)
    {
        private string Where => $"config {Path}: line {Node.Start.Line}: setting '{Key}'";

        public string String() =>
            Node is YamlScalarNode { Value: { Length: > 0 } value }
                ? value
                : throw new ConfigurationException($"{Where}: expected a non-empty string");

        public int Integer() =>
            Node is YamlScalarNode { Value: { } value } && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new ConfigurationException($"{Where}: expected an integer, got '{Describe()}'");

        public double Number() =>
            Node is YamlScalarNode { Value: { } value } && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : throw new ConfigurationException($"{Where}: expected a number, got '{Describe()}'");

        public TimeSpan Duration() =>
            Node is YamlScalarNode { Value: { } value } && Durations.TryParse(value, out var duration)
                ? duration
                : throw new ConfigurationException($"{Where}: expected a duration such as 90s, 5m, 1h or 00:05:00, got '{Describe()}'");

        public List<string> StringList(bool allowEmpty = false)
        {
            if (Node is not YamlSequenceNode sequence || (!allowEmpty && sequence.Children.Count == 0))
            {
                throw new ConfigurationException($"{Where}: expected a list of strings");
            }

            var where = Where;
            return sequence.Children
                .Select(child => child is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw new ConfigurationException($"{where}: every item must be a non-empty string"))
                .ToList();
        }

        public Dictionary<string, string> StringMap()
        {
            if (Node is not YamlMappingNode mapping)
            {
                throw new ConfigurationException($"{Where}: expected a mapping of model to label");
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                map[((YamlScalarNode)key).Value ?? string.Empty] = value is YamlScalarNode { Value: { Length: > 0 } label }
                    ? label
                    : throw new ConfigurationException($"{Where}: the label of '{key}' must be a non-empty string");
            }

            return map;
        }

        private string Describe() => Node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : Node.NodeType.ToString();
    }
}
