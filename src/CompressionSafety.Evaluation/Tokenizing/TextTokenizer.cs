using CompressionSafety.Evaluation.Registry;
using Microsoft.ML.Tokenizers;

namespace CompressionSafety.Evaluation.Tokenizing;

/// <summary>
/// Turns a case's text into a fixed-length row of token ids with Microsoft.ML.Tokenizers. Every row has
/// <see cref="RegistryTokenizer.MaxLength"/> ids (truncated or padded), so one tensor shape serves the whole suite;
/// the attention mask marks the real tokens, so padding does not change what an attention-masked model computes.
/// </summary>
public sealed class TextTokenizer
{
    private readonly Func<string, IReadOnlyList<int>> _encode;
    private readonly int? _classificationId;
    private readonly int? _separatorId;

    private TextTokenizer(Func<string, IReadOnlyList<int>> encode, int paddingId, int? classificationId, int? separatorId, int length)
    {
        _encode = encode;
        PaddingId = paddingId;
        _classificationId = classificationId;
        _separatorId = separatorId;
        Length = length;
    }

    /// <summary>Ids per row.</summary>
    public int Length { get; }

    /// <summary>The id written after the last real token.</summary>
    public int PaddingId { get; }

    /// <summary>Loads the tokenizer files a registry names.</summary>
    /// <param name="spec">The registry's tokenizer (paths resolved).</param>
    /// <param name="length">Ids per row: the model's fixed sequence length, or <see cref="RegistryTokenizer.MaxLength"/>.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="EvaluationException">A file is missing or unreadable.</exception>
    public static TextTokenizer Create(RegistryTokenizer spec, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rowLength = length ?? spec.MaxLength;
        try
        {
            switch (spec.Kind)
            {
                case TokenizerKind.WordPiece:
                    // BERT conventions: [CLS] tokens [SEP], then [PAD]; BertTokenizer also applies BERT's basic
                    // tokenization (punctuation split, accent stripping with lowercasing).
                    var bert = BertTokenizer.Create(spec.Vocab, new BertOptions { LowerCaseBeforeTokenization = spec.Lowercase });
                    return new TextTokenizer(t => bert.EncodeToIds(t, addSpecialTokens: false), spec.PaddingId ?? bert.PaddingTokenId, bert.ClassificationTokenId, bert.SeparatorTokenId, rowLength);
                case TokenizerKind.Bpe:
                    var bpe = BpeTokenizer.Create(spec.Vocab, spec.Merges!);
                    return new TextTokenizer(t => bpe.EncodeToIds(t), spec.PaddingId ?? 0, null, null, rowLength);
                default:
                    using (var stream = File.OpenRead(spec.Vocab))
                    {
                        var tiktoken = TiktokenTokenizer.CreateForModel(spec.Model!, stream);
                        return new TextTokenizer(t => tiktoken.EncodeToIds(t), spec.PaddingId ?? 0, null, null, rowLength);
                    }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new EvaluationException($"Cannot load the {spec.Kind} tokenizer from '{spec.Vocab}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes one row of ids and its attention mask.</summary>
    /// <param name="text">The text.</param>
    /// <param name="ids">Receives <see cref="Length"/> ids.</param>
    /// <param name="mask">Receives 1 for real tokens, 0 for padding.</param>
    /// <returns>The number of real tokens (special tokens included).</returns>
    public int Encode(string text, Span<long> ids, Span<long> mask)
    {
        ArgumentNullException.ThrowIfNull(text);
        var special = _classificationId is null ? 0 : 2;
        var tokens = _encode(text);
        var kept = Math.Min(tokens.Count, Length - special);
        var n = 0;
        if (_classificationId is { } cls)
        {
            ids[n++] = cls;
        }

        for (var k = 0; k < kept; k++)
        {
            ids[n++] = tokens[k];
        }

        if (_separatorId is { } sep)
        {
            ids[n++] = sep;
        }

        ids[n..Length].Fill(PaddingId);
        mask[..n].Fill(1);
        mask[n..Length].Clear();
        return n;
    }
}
