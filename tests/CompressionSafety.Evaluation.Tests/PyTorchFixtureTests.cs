using System.Text.Json;
using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;
using CompressionSafety.Evaluation.Tokenizing;
using Xunit.Abstractions;

namespace CompressionSafety.Evaluation.Tests;

/// <summary>
/// Models exported by PyTorch (Fixtures/PyTorch/make_fixtures.py), not by our ONNX writer: a logits MLP on
/// scikit-learn's breast cancer data and a WordPiece text classifier with int64 input_ids + attention_mask.
/// evaluate's numbers must equal what PyTorch computed on the same suites (golden.json).
/// </summary>
public sealed class PyTorchFixtureTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch");

    private static readonly Lazy<JsonElement> Golden = new(() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "golden.json"))).RootElement);

    public static TheoryData<string, string> Variants => new()
    {
        { "breast-cancer-mlp", "fp32" },
        { "breast-cancer-mlp", "fp16" },
        { "breast-cancer-mlp", "int8-weight" },
        { "breast-cancer-mlp", "pruned-90" },
        { "toxicity-wordpiece", "fp32" },
        { "toxicity-wordpiece", "fp16" },
        { "toxicity-wordpiece", "int8-weight" },
        { "toxicity-wordpiece", "pruned-90" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Run_PyTorchExportedVariant_MatchesPyTorchAccuracyAndBrier(string model, string variant)
    {
        var result = Run(model);
        var expected = Golden.Value.GetProperty("models").GetProperty(model);
        var gold = expected.GetProperty("variants").GetProperty(variant);

        var metrics = result.Variants.Single(v => v.Name == variant).Metrics;

        output.WriteLine($"{model} {variant}: accuracy {metrics.Accuracy:F6} (PyTorch {gold.GetProperty("accuracy").GetDouble():F6}), brier {metrics.Brier:F6} (PyTorch {gold.GetProperty("brier").GetDouble():F6})");
        Assert.Equal(expected.GetProperty("cases").GetInt32(), result.SuiteCases);
        Assert.Empty(result.SuiteErrors);
        Assert.InRange(metrics.Accuracy!.Value - gold.GetProperty("accuracy").GetDouble(), -1e-3, 1e-3);
        Assert.InRange(metrics.Brier!.Value - gold.GetProperty("brier").GetDouble(), -1e-3, 1e-3);
    }

    [Theory]
    [InlineData("breast-cancer-mlp")]
    [InlineData("toxicity-wordpiece")]
    public void Run_PyTorchExportedModel_LightCompressionPassesHeavyPruningRejected(string model)
    {
        var result = Run(model);

        Assert.Equal(
            [("fp16", GateDecision.Pass), ("int8-weight", GateDecision.Pass), ("pruned-90", GateDecision.Reject)],
            result.Variants.Skip(1).Select(v => (v.Name, v.Gate)));
    }

    [Fact]
    public void Encode_WordPieceFixtureTexts_SameIdsAndMaskAsPyTorchScript()
    {
        var model = Registry().Models.Single(m => m.Name == "toxicity-wordpiece");
        var tokenizer = TextTokenizer.Create(model.Tokenizer!);
        var texts = File.ReadLines(Path.Combine(Folder, "text", "suite.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("text").GetString()!);

        foreach (var row in Golden.Value.GetProperty("models").GetProperty("toxicity-wordpiece").GetProperty("first_tokens").EnumerateArray())
        {
            var ids = new long[tokenizer.Length];
            var mask = new long[tokenizer.Length];
            tokenizer.Encode(texts[row.GetProperty("id").GetString()!], ids, mask);

            Assert.Equal(row.GetProperty("input_ids").EnumerateArray().Select(x => x.GetInt64()), ids);
            Assert.Equal(row.GetProperty("attention_mask").EnumerateArray().Select(x => x.GetInt64()), mask);
        }
    }

    [Fact]
    public void Run_LogitsDeclaredAsProbabilities_ThrowsNamingModelVariantAndRow()
    {
        var registry = Registry();
        var model = registry.Models.Single(m => m.Name == "breast-cancer-mlp");
        model = model with { Output = model.Output! with { Kind = OutputKind.Probabilities } };

        var ex = Assert.Throws<EvaluationException>(() => Reevaluator.Run(
            registry with { Models = [model] }, Path.Combine(Folder, "tabular", "suite.jsonl"), new ReevaluationOptions { TimingPasses = 1 }, TimeProvider.System));

        Assert.Contains("Model 'breast-cancer-mlp' variant 'fp32'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 1 (case 'bc-0001', suite line 1)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"logits\"", ex.Message, StringComparison.Ordinal);
    }

    private static ModelRegistry Registry() => RegistryStore.Read(Path.Combine(Folder, "registry.json"));

    private static EvaluationResult Run(string model)
    {
        var suite = Golden.Value.GetProperty("models").GetProperty(model).GetProperty("suite").GetString()!;
        return Reevaluator.Run(Registry(), Path.Combine(Folder, suite), new ReevaluationOptions { Model = model, TimingPasses = 1 }, TimeProvider.System);
    }
}
