using CompressionSafety.Evaluation.Onnx;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;
using CompressionSafety.Evaluation.Suites;
using CompressionSafety.Evaluation.Tokenizing;

namespace CompressionSafety.Evaluation.Tests;

/// <summary>
/// A model with four inputs of four element types (float16 features shaped [2, 2], int32 token ids, bool mask,
/// int64 token types) and dynamic batch and sequence axes, whose three outputs are sums a reader can check by hand:
/// sum of features, number of real tokens, sum of real token ids plus sum of token types.
/// </summary>
public sealed class SignatureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-signature-").FullName;

    public SignatureTests()
    {
        File.WriteAllLines(Path.Combine(_directory, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "##s"]);
        File.WriteAllBytes(Path.Combine(_directory, "sums.onnx"), SumsModel(sequence: -1));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Score_MixedElementTypesAndDynamicAxes_ConvertsEveryInput()
    {
        var model = Model();
        var cases = new List<SuiteCase> { Case("c1", [0.5f, 1.5f, 2f, -1f], "Hello worlds"), Case("c2", [1f, 1f, 1f, 1f], "world") };
        var encoded = EncodedCases.Create(cases, 4, TextTokenizer.Create(model.Tokenizer!));

        using var scorer = OnnxScorer.Open(model, model.Baseline, encoded, 1);
        var (output, _) = scorer.Score(encoded, batchSize: 1, TimeProvider.System);

        // [CLS]=2 hello=5 world=6 ##s=7 [SEP]=3: 5 tokens, ids sum 23; [CLS] world [SEP]: 3 tokens, sum 11.
        Assert.Equal([3f, 5f, 23f, 4f, 3f, 11f], output);
    }

    [Fact]
    public void Open_FixedSequenceLengthDiffersFromMaxLength_ThrowsNamingTheSetting()
    {
        File.WriteAllBytes(Path.Combine(_directory, "sums.onnx"), SumsModel(sequence: 16));
        var model = Model();
        var encoded = EncodedCases.Create([Case("c1", [0f, 0f, 0f, 0f], "hello")], 4, TextTokenizer.Create(model.Tokenizer!));

        var ex = Assert.Throws<EvaluationException>(() => OnnxScorer.Open(model, model.Baseline, encoded, 1));

        Assert.Contains("tokenizer.max_length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToProbabilities_Sigmoid_OneIndependentSigmoidPerLabel()
    {
        var output = new[] { 0f, 2f, -2f };

        OutputRows.ToProbabilities(output, 3, Model() with { Output = new RegistryOutput("sums", OutputKind.Sigmoid) }, Model().Baseline, [Case("c1", [], "x")]);

        Assert.Equal([0.5f, 1f / (1f + MathF.Exp(-2f)), 1f / (1f + MathF.Exp(2f))], output);
    }

    [Fact]
    public void ToProbabilities_Logits_SoftmaxPerRow()
    {
        var output = new[] { 0f, 0f, 0f, 1000f, 0f, 0f };

        OutputRows.ToProbabilities(output, 3, Model() with { Output = new RegistryOutput("sums", OutputKind.Logits) }, Model().Baseline, [Case("c1", [], "x"), Case("c2", [], "y")]);

        Assert.Equal([1f / 3, 1f / 3, 1f / 3, 1f, 0f, 0f], output);
    }

    [Fact]
    public void Run_CaseWithoutText_ReportedAsBadLine()
    {
        var registry = Path.Combine(_directory, "registry.json");
        RegistryStore.Write(new ModelRegistry(1, [Model() with { Output = new RegistryOutput("sums", OutputKind.Logits) }]), registry);
        var suite = Path.Combine(_directory, "suite.jsonl");
        File.WriteAllLines(suite,
        [
            """{"id":"c1","features":[1,2,3,4],"text":"hello","expected":"a","tags":["routine"]}""",
            """{"id":"c2","features":[1,2,3,4],"expected":"b","tags":["routine"]}""",
        ]);

        var result = Reevaluator.Run(RegistryStore.Read(registry), suite, new ReevaluationOptions { TimingPasses = 1 }, TimeProvider.System);

        Assert.Equal(1, result.SuiteCases);
        Assert.Equal(new SuiteError(2, "'text' must be a string (the model reads token ids)"), Assert.Single(result.SuiteErrors));
    }

    [Fact]
    public void Read_TokenInputWithoutTokenizer_ThrowsNamingModel()
    {
        var registry = Path.Combine(_directory, "registry.json");
        RegistryStore.Write(new ModelRegistry(1, [Model() with { Tokenizer = null }]), registry);

        var ex = Assert.Throws<EvaluationException>(() => RegistryStore.Read(registry));

        Assert.Contains("model 'sums': an input with a token source needs a 'tokenizer'", ex.Message, StringComparison.Ordinal);
    }

    private static SuiteCase Case(string id, float[] features, string text) =>
        new(id, features, "a", ["routine"], new Dictionary<string, string>(), 1, text);

    private RegistryModel Model() => new(
        "sums", null, null, ["a", "b", "c"], "c", new RegistryFile("base", Path.Combine(_directory, "sums.onnx")), [],
        [
            new RegistryInput("pixels", InputSource.Features, [2, 2]), new RegistryInput("ids", InputSource.TokenIds),
            new RegistryInput("mask", InputSource.AttentionMask), new RegistryInput("types", InputSource.TokenTypeIds),
        ],
        new RegistryOutput("sums", OutputKind.Logits),
        new RegistryTokenizer(TokenizerKind.WordPiece, Path.Combine(_directory, "vocab.txt"), MaxLength: 8));

    private static byte[] SumsModel(long sequence)
    {
        var toFloat = new Dictionary<string, long> { ["to"] = (long)OnnxDataType.Float };
        var keep = new Dictionary<string, long> { ["keepdims"] = 0 };
        return OnnxModelWriter.Write(new OnnxGraph(
            "sums",
            [
                new("Cast", ["pixels"], ["pixels_f"], toFloat),
                new("ReduceSum", ["pixels_f", "axes_12"], ["pixel_sum"], keep),
                new("Cast", ["mask"], ["mask_f"], toFloat),
                new("ReduceSum", ["mask_f", "axes_1"], ["count"], keep),
                new("Cast", ["ids"], ["ids_f"], toFloat),
                new("Mul", ["ids_f", "mask_f"], ["real_ids"]),
                new("ReduceSum", ["real_ids", "axes_1"], ["id_sum"], keep),
                new("Cast", ["types"], ["types_f"], toFloat),
                new("ReduceSum", ["types_f", "axes_1"], ["type_sum"], keep),
                new("Add", ["id_sum", "type_sum"], ["last"]),
                new("Unsqueeze", ["pixel_sum", "axes_1"], ["c0"]),
                new("Unsqueeze", ["count", "axes_1"], ["c1"]),
                new("Unsqueeze", ["last", "axes_1"], ["c2"]),
                new("Concat", ["c0", "c1", "c2"], ["sums"], new Dictionary<string, long> { ["axis"] = 1 }),
            ],
            [OnnxTensor.Int64("axes_12", [2], [1, 2]), OnnxTensor.Int64("axes_1", [1], [1])],
            [
                new OnnxValueInfo("pixels", OnnxDataType.Float16, [-1, 2, 2]), new OnnxValueInfo("ids", OnnxDataType.Int32, [-1, sequence]),
                new OnnxValueInfo("mask", OnnxDataType.Bool, [-1, sequence]), new OnnxValueInfo("types", OnnxDataType.Int64, [-1, sequence]),
            ],
            [new OnnxValueInfo("sums", OnnxDataType.Float, [-1, 3])]));
    }
}
