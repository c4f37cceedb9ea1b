using System.Globalization;
using System.Text.Json;
using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Onnx;
using CompressionSafety.Evaluation.Registry;

namespace CompressionSafety.Evaluation.Tests;

/// <summary>
/// A suite whose answers are computable by hand: features are [baseline p(safe), baseline p(unsafe), variant
/// p(safe), variant p(unsafe)] and the two models just pick their pair of columns (ONNX Gather).
/// </summary>
internal sealed class HandSuite : IDisposable
{
    // (id, expected, baseline p(unsafe), variant p(unsafe), tag, segment)
    public static readonly (string Id, string Expected, float Baseline, float Variant, string Tag, string Segment)[] Cases =
    [
        ("c1", "unsafe", 0.93f, 0.83f, "routine", "a"),
        ("c2", "unsafe", 0.81f, 0.31f, "routine", "a"),
        ("c3", "unsafe", 0.41f, 0.42f, "edge-case", "b"),
        ("c4", "unsafe", 0.33f, 0.71f, "edge-case", "b"),
        ("c5", "safe", 0.11f, 0.12f, "routine", "a"),
        ("c6", "safe", 0.21f, 0.62f, "adversarial", "a"),
        ("c7", "safe", 0.72f, 0.22f, "adversarial", "b"),
        ("c8", "safe", 0.06f, 0.91f, "adversarial", "b"),
    ];

    public HandSuite(GatePolicy? gate = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "cs-hand-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllBytes(Path.Combine(Directory, "baseline.onnx"), PickColumns(0));
        File.WriteAllBytes(Path.Combine(Directory, "variant.onnx"), PickColumns(2));
        var model = new RegistryModel(
            "hand", "features", "probabilities", ["safe", "unsafe"], "unsafe",
            new RegistryFile("baseline", "baseline.onnx"), [new RegistryFile("variant", "variant.onnx")]);
        RegistryPath = Path.Combine(Directory, "registry.json");
        RegistryStore.Write(new ModelRegistry(1, [model], gate ?? new GatePolicy([new GateRule("accuracy", 0.05, 0.2)], MinSliceCases: 1)), RegistryPath);
        SuitePath = Path.Combine(Directory, "suite.jsonl");
        File.WriteAllLines(SuitePath, Cases.Select(c => JsonSerializer.Serialize(new
        {
            id = c.Id,
            features = new[] { 1 - c.Baseline, c.Baseline, 1 - c.Variant, c.Variant },
            expected = c.Expected,
            tags = new[] { c.Tag },
            slices = new Dictionary<string, string> { ["segment"] = c.Segment },
        })));
    }

    public string Directory { get; }

    public string RegistryPath { get; }

    public string SuitePath { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] PickColumns(long first) => OnnxModelWriter.Write(new OnnxGraph(
        "pick" + first.ToString(CultureInfo.InvariantCulture),
        [new OnnxNode("Gather", ["features", "columns"], ["probabilities"], new Dictionary<string, long> { ["axis"] = 1 })],
        [OnnxTensor.Int64("columns", [2], [first, first + 1])],
        [new OnnxValueInfo("features", OnnxDataType.Float, [-1, 4])],
        [new OnnxValueInfo("probabilities", OnnxDataType.Float, [-1, 2])]));
}
