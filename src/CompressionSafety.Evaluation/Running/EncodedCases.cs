using CompressionSafety.Evaluation.Suites;
using CompressionSafety.Evaluation.Tokenizing;

namespace CompressionSafety.Evaluation.Running;

/// <summary>
/// The suite turned into model-ready rows once, before any session runs: features flattened, texts tokenized.
/// Every variant then reads the same values, so a difference between variants is the model's, never the input's.
/// </summary>
internal sealed class EncodedCases
{
    private EncodedCases(int rows, int featureWidth, float[] features, int sequenceLength, long[] tokenIds, long[] attentionMask)
    {
        Rows = rows;
        FeatureWidth = featureWidth;
        Features = features;
        SequenceLength = sequenceLength;
        TokenIds = tokenIds;
        AttentionMask = attentionMask;
    }

    public int Rows { get; }

    /// <summary>Features per row; 0 when the model reads none.</summary>
    public int FeatureWidth { get; }

    public float[] Features { get; }

    /// <summary>Token ids per row; 0 when the model reads no text.</summary>
    public int SequenceLength { get; }

    public long[] TokenIds { get; }

    public long[] AttentionMask { get; }

    public static EncodedCases Create(IReadOnlyList<SuiteCase> cases, int featureWidth, TextTokenizer? tokenizer)
    {
        var features = new float[cases.Count * featureWidth];
        for (var n = 0; n < cases.Count && featureWidth > 0; n++)
        {
            cases[n].Features.CopyTo(features, n * featureWidth);
        }

        var length = tokenizer?.Length ?? 0;
        var ids = new long[cases.Count * length];
        var mask = new long[cases.Count * length];
        for (var n = 0; n < cases.Count && tokenizer is not null; n++)
        {
            tokenizer.Encode(cases[n].Text!, ids.AsSpan(n * length, length), mask.AsSpan(n * length, length));
        }

        return new EncodedCases(cases.Count, featureWidth, features, length, ids, mask);
    }
}
