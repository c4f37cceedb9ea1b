using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CompressionSafety.Engine.Reproducibility;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.State;

/// <summary>
/// The snapshot of one partition's complete state: its <see cref="WindowEngine"/> (open windows with their
/// accumulators, sketches and label-waiting predictions, dedup ids, slice caps, stream time, per-key history with the
/// pinned input reference, change detectors, confidence sequences and discordance CUSUM) and, when rules run, its
/// <see cref="RuleEvaluator"/> (incident lifecycle per rule and key) and <see cref="ReviewGuard"/> (rate limits).
/// Restoring it into fresh instances and feeding them the rest of the stream gives the same results, byte for byte,
/// as never having stopped (docs/worker.md, "State and snapshots").
/// </summary>
/// <remarks>
/// Layout: the 4 bytes <c>CSPS</c>, <see cref="FormatVersion"/> as a little-endian int32, the configuration hash the
/// state was built under, which parts follow, then each part as its types write it (each type writes and reads its
/// own fields in one place, see <see cref="IStateful"/>). A snapshot of another version or configuration is refused,
/// never half-applied: the caller rebuilds the partition by replay instead. Bump <see cref="FormatVersion"/> whenever
/// any type's written fields change.
/// </remarks>
public static class PartitionState
{
    /// <summary>The version of the layout written; a snapshot of any other version is refused.</summary>
    public const int FormatVersion = 2;

    private static ReadOnlySpan<byte> Magic => "CSPS"u8;

    /// <summary>
    /// The configuration a snapshot is tied to: the engine settings' <see cref="ConfigurationHash"/> and, when rules
    /// run, a SHA-256 of the rules' source text in evaluation order. State built under anything else is not restored.
    /// </summary>
    /// <param name="engine">The effective engine settings.</param>
    /// <param name="maxRecordBytes">The effective largest record accepted.</param>
    /// <param name="rules">The loaded rules, or null.</param>
    /// <returns>The text stored in and compared with every snapshot.</returns>
    public static string ConfigurationOf(EngineOptions engine, int maxRecordBytes, RuleSet? rules)
    {
        var text = "engine:" + ConfigurationHash.Sha256(engine, maxRecordBytes);
        if (rules is null)
        {
            return text;
        }

        // Silences are left out: they only decide what is published, and may change between runs.
        var source = string.Join("\n\0", rules.Rules.Select(r => r.SourceText));
        return text + " rules:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
    }

    /// <summary>Writes the state of a partition.</summary>
    /// <param name="configurationHash">What the state was built under (<see cref="Reproducibility.ConfigurationHash"/> and the rules); restore refuses another.</param>
    /// <param name="engine">The partition's engine.</param>
    /// <param name="rules">Its rule evaluator, when rules run.</param>
    /// <param name="guard">Its review guard, when rules run.</param>
    /// <returns>The snapshot.</returns>
    public static byte[] Write(string configurationHash, WindowEngine engine, RuleEvaluator? rules = null, ReviewGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(configurationHash);
        ArgumentNullException.ThrowIfNull(engine);
        using var stream = new MemoryStream();
        stream.Write(Magic);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(version, FormatVersion);
        stream.Write(version);
        using (var writer = new StateWriter(stream))
        {
            writer.Write(configurationHash);
            writer.Write(rules is not null);
            writer.Write(guard is not null);
            engine.WriteState(writer);
            rules?.WriteState(writer);
            guard?.WriteState(writer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Reads a snapshot into fresh instances built with the same settings. On false the instances are partly filled
    /// and must be discarded.
    /// </summary>
    /// <param name="snapshot">What <see cref="Write"/> returned.</param>
    /// <param name="configurationHash">The current configuration's hash; a snapshot built under another is refused.</param>
    /// <param name="engine">A fresh engine.</param>
    /// <param name="rules">A fresh evaluator when rules run, else null.</param>
    /// <param name="guard">A fresh review guard when rules run, else null.</param>
    /// <param name="problem">Why the snapshot was refused, for the log; null on success.</param>
    /// <returns>True when the state was restored.</returns>
    public static bool TryRead(ReadOnlyMemory<byte> snapshot, string configurationHash, WindowEngine engine, RuleEvaluator? rules, ReviewGuard? guard, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configurationHash);
        ArgumentNullException.ThrowIfNull(engine);
        var bytes = snapshot.Span;
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(Magic))
        {
            problem = "not a partition state snapshot";
            return false;
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..8]);
        if (version != FormatVersion)
        {
            problem = $"snapshot format version {version}, this build reads {FormatVersion}";
            return false;
        }

        try
        {
            using var stream = new MemoryStream(snapshot[8..].ToArray(), writable: false);
            using var reader = new StateReader(stream);
            var hash = reader.ReadString();
            if (!string.Equals(hash, configurationHash, StringComparison.Ordinal))
            {
                problem = $"snapshot built under configuration {hash}, this worker runs {configurationHash}";
                return false;
            }

            var hasRules = reader.ReadBoolean();
            var hasGuard = reader.ReadBoolean();
            if (hasRules != rules is not null || hasGuard != guard is not null)
            {
                problem = hasRules ? "snapshot holds rule state but no rules are loaded" : "snapshot holds no rule state but rules are loaded";
                return false;
            }

            engine.ReadState(reader);
            rules?.ReadState(reader);
            guard?.ReadState(reader);
            if (!reader.AtEnd)
            {
                problem = "snapshot has bytes past its end";
                return false;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            problem = "unreadable snapshot: " + ex.Message;
            return false;
        }

        problem = null;
        return true;
    }
}
