using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CompressionSafety.Engine.Reproducibility;

/// <summary>
/// A canonical text of the effective engine settings and its SHA-256, so a run without a settings file (replay on
/// defaults, the worker on its <c>Engine</c> section) still names exactly what it ran with. The text is compact JSON
/// with snake_case keys in ordinal order, durations as <c>[d.]hh:mm:ss[.fffffff]</c>, numbers in round-trip form,
/// maps sorted by key (docs/reports.md).
/// </summary>
public static class ConfigurationHash
{
    /// <summary>The canonical UTF-8 JSON of <paramref name="engine"/> plus the parser's record size limit.</summary>
    /// <param name="engine">The effective engine settings.</param>
    /// <param name="maxRecordBytes">The effective largest record accepted.</param>
    /// <returns>The bytes that are hashed.</returns>
    public static byte[] CanonicalBytes(EngineOptions engine, int maxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            // Keys are written in ordinal order by hand; a test checks every EngineOptions setting is here.
            w.WriteStartObject();
            w.WriteStartArray("anomaly_detectors");
            foreach (var detector in engine.AnomalyDetectors)
            {
                w.WriteStringValue(detector);
            }

            w.WriteEndArray();
            w.WriteString("baseline_variant", engine.BaselineVariant);
            w.WriteNumber("calibration_bins", engine.CalibrationBins);
            w.WriteString("confidence_sequence_alpha", Number(engine.ConfidenceSequenceAlpha));
            w.WriteString("dedup_horizon", Duration(engine.DedupHorizon));
            w.WriteString("default_positive_label", engine.DefaultPositiveLabel);
            w.WriteString("discordance_cusum_alternative", Number(engine.DiscordanceCusumAlternative));
            w.WriteString("grace", Duration(engine.Grace));
            w.WriteNumber("input_drift_bins", engine.InputDriftBins);
            w.WriteNumber("input_reference_windows", engine.InputReferenceWindows);
            w.WriteString("label_horizon", Duration(engine.LabelHorizon));
            w.WriteString("low_confidence_threshold", Number(engine.LowConfidenceThreshold));
            w.WriteNumber("max_categories", engine.MaxCategories);
            w.WriteNumber("max_features", engine.MaxFeatures);
            w.WriteString("max_future_skew", Duration(engine.MaxFutureSkew));
            w.WriteNumber("max_models", engine.MaxModels);
            w.WriteNumber("max_record_bytes", maxRecordBytes);
            w.WriteNumber("max_segment_attributes", engine.MaxSegmentAttributes);
            w.WriteNumber("max_slice_values_per_attribute", engine.MaxSliceValuesPerAttribute);
            w.WriteNumber("max_tracked_events", engine.MaxTrackedEvents);
            w.WriteNumber("max_variants_per_model", engine.MaxVariantsPerModel);
            w.WriteStartObject("positive_labels");
            foreach (var (model, label) in engine.PositiveLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(model, label);
            }

            w.WriteEndObject();
            w.WriteNumber("probability_bins", engine.ProbabilityBins);
            if (engine.SegmentAttributes is { Count: > 0 } attributes)
            {
                w.WriteStartArray("segment_attributes");
                foreach (var attribute in attributes)
                {
                    w.WriteStringValue(attribute);
                }

                w.WriteEndArray();
            }
            else
            {
                // Null and empty both mean "every attribute seen": one canonical form for one behaviour.
                w.WriteNull("segment_attributes");
            }

            w.WriteString("window_size", Duration(engine.WindowSize));
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalBytes"/>.</summary>
    /// <param name="engine">The effective engine settings.</param>
    /// <param name="maxRecordBytes">The effective largest record accepted.</param>
    /// <returns>The hash.</returns>
    public static string Sha256(EngineOptions engine, int maxRecordBytes) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(engine, maxRecordBytes)));

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The hash.</returns>
    public static string FileSha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    // Strings, not JSON numbers: the writer's own number format is not promised to stay the same across versions.
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
