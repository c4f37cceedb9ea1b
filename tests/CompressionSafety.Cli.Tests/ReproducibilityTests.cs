using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Reproducibility;
using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

/// <summary>The hashes and seed replay writes into summary.json, each checked against a value computed here independently.</summary>
public sealed class ReproducibilityTests
{
    /// <summary>The canonical text of the default settings, spelled out so a change to the canonical form is a visible test change.</summary>
    private const string CanonicalDefaults =
        "{\"anomaly_detectors\":[\"page_hinkley\",\"cusum\",\"ewma\",\"adwin\"],\"baseline_variant\":\"baseline\",\"calibration_bins\":15," +
        "\"confidence_sequence_alpha\":\"0.05\",\"dedup_horizon\":\"00:10:00\",\"default_positive_label\":\"unsafe\",\"discordance_cusum_alternative\":\"0.9\",\"grace\":\"00:01:00\"," +
        "\"input_drift_bins\":10,\"input_reference_windows\":3,\"label_horizon\":\"01:00:00\",\"low_confidence_threshold\":\"0.6\"," +
        "\"max_categories\":32,\"max_features\":8,\"max_future_skew\":\"01:00:00\",\"max_models\":100,\"max_record_bytes\":1048576,\"max_segment_attributes\":10,\"max_slice_values_per_attribute\":20," +
        "\"max_tracked_events\":2000000,\"max_variants_per_model\":20,\"positive_labels\":{},\"probability_bins\":10,\"segment_attributes\":null,\"window_size\":\"00:05:00\"}";

    [Fact]
    public async Task Replay_NoConfig_ConfigHashIsCanonicalDefaultsAndNoRules()
    {
        using var dir = new TempDirectory();
        await WriteStreamAsync(dir.File("in.jsonl"), seed: 5, records: 200);

        // The test's working folder has no alert-rules/, so replay runs without rules.
        var (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("out"));
        Assert.True(exit == 0, error);
        var summary = Summary(dir.File("out/summary.json"));

        var expected = Sha256(Encoding.UTF8.GetBytes(CanonicalDefaults));
        Assert.Equal(expected, summary.GetProperty("config_sha256").GetString());
        Assert.Equal(expected, summary.GetProperty("effective_config_sha256").GetString());
        Assert.Equal("defaults", summary.GetProperty("config_source").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rules_sha256").ValueKind);
    }

    [Fact]
    public async Task Replay_ConfigAndRules_HashesAreFileBytesAndSortedRuleFiles()
    {
        using var dir = new TempDirectory();
        await WriteStreamAsync(dir.File("in.jsonl"), seed: 5, records: 200);
        var config = "window_size: 10m\r\ngrace: 30s\n"u8.ToArray();
        await File.WriteAllBytesAsync(dir.File("config.yaml"), config);
        Directory.CreateDirectory(dir.File("rules"));
        foreach (var name in new[] { "safety.yaml", "quality.yaml" })
        {
            File.Copy(RepositoryRoot.Combine("alert-rules", name), dir.File("rules/" + name));
        }

        await File.WriteAllTextAsync(dir.File("rules/README.txt"), "not a rule file");

        var (exit, _, error) = await CliRunner.RunAsync(
            "replay", "--input", dir.File("in.jsonl"), "--config", dir.File("config.yaml"), "--rules", dir.File("rules"), "--out", dir.File("out"));
        var summary = Summary(dir.File("out/summary.json"));

        Assert.True(exit == 0, error);
        Assert.Equal(Sha256(config), summary.GetProperty("config_sha256").GetString());
        Assert.Equal("file", summary.GetProperty("config_source").GetString());
        Assert.NotEqual(Sha256(Encoding.UTF8.GetBytes(CanonicalDefaults)), summary.GetProperty("effective_config_sha256").GetString());
        Assert.Equal(RuleFolderSha256(dir.File("rules"), "quality.yaml", "safety.yaml"), summary.GetProperty("rules_sha256").GetString());
    }

    [Fact]
    public void CanonicalBytes_EveryEngineSetting_IsNamed()
    {
        var text = Encoding.UTF8.GetString(ConfigurationHash.CanonicalBytes(new EngineOptions(), 1));
        var settings = typeof(EngineOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => Snake(p.Name));

        Assert.All(settings, name => Assert.Contains("\"" + name + "\":", text, StringComparison.Ordinal));
    }

    [Fact]
    public void CanonicalBytes_NullAndEmptySegmentAttributes_SameHash()
    {
        Assert.Equal(
            ConfigurationHash.Sha256(new EngineOptions { SegmentAttributes = null }, 100),
            ConfigurationHash.Sha256(new EngineOptions { SegmentAttributes = [] }, 100));
        Assert.NotEqual(
            ConfigurationHash.Sha256(new EngineOptions(), 100),
            ConfigurationHash.Sha256(new EngineOptions { Grace = TimeSpan.FromSeconds(61) }, 100));
    }

    [Fact]
    public async Task GenerateReplayReport_Seed_FlowsFromSidecarIntoManifest()
    {
        using var dir = new TempDirectory();
        var (exit, _, error) = await CliRunner.RunAsync("generate", "-n", "300", "--seed", "1234", "--duration", "30m", "-o", dir.File("in.jsonl"));
        Assert.True(exit == 0, error);
        using (var sidecar = JsonDocument.Parse(await File.ReadAllBytesAsync(dir.File("in.jsonl.meta.json"))))
        {
            Assert.Equal(1234, sidecar.RootElement.GetProperty("seed").GetInt32());
            Assert.Equal(300, sidecar.RootElement.GetProperty("records").GetInt64());
        }

        (exit, _, error) = await CliRunner.RunAsync("replay", "--input", dir.File("in.jsonl"), "--out", dir.File("out"));
        Assert.True(exit == 0, error);
        var summary = Summary(dir.File("out/summary.json"));
        Assert.Equal(1234, summary.GetProperty("generator").GetProperty("seed").GetInt32());

        (exit, _, error) = await CliRunner.RunAsync("report", "--windows", dir.File("out"), "--out", dir.File("rep"), "--generated-at", "2026-11-27T00:00:00Z");
        Assert.True(exit == 0, error);
        var manifest = Summary(dir.File("rep/report.json")).GetProperty("manifest");
        Assert.Equal("1234", manifest.GetProperty("generator_seed").GetString());
        Assert.Equal(summary.GetProperty("config_sha256").GetString(), manifest.GetProperty("config_sha256").GetString());
        Assert.Equal("unknown", manifest.GetProperty("suite_sha256").GetString());
        Assert.Contains(manifest.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("role").GetString() == "run" && i.GetProperty("name").GetString() == "summary.json");
        Assert.Contains("| generator seed | `1234` |", await File.ReadAllTextAsync(dir.File("rep/report.md")), StringComparison.Ordinal);
    }

    private static async Task WriteStreamAsync(string path, int seed, int records)
    {
        var lines = Simulation.StreamGenerator.Generate(new Simulation.GeneratorOptions { Records = records, Seed = seed, Duration = TimeSpan.FromMinutes(30) })
            .Select(l => Encoding.UTF8.GetString(l.Utf8.Span));
        await File.WriteAllLinesAsync(path, lines);
    }

    private static JsonElement Summary(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The documented rule-set hash, computed from scratch: for each rule file in name order, name, 0, length (8 bytes LE), bytes.</summary>
    private static string RuleFolderSha256(string folder, params string[] sortedNames)
    {
        using var all = new MemoryStream();
        foreach (var name in sortedNames)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, name));
            all.Write(Encoding.UTF8.GetBytes(name));
            all.WriteByte(0);
            var length = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
            all.Write(length);
            all.Write(bytes);
        }

        return Sha256(all.ToArray());
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
