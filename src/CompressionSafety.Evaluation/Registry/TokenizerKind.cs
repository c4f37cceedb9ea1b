using System.Text.Json.Serialization;

namespace CompressionSafety.Evaluation.Registry;

/// <summary>The tokenizer families Microsoft.ML.Tokenizers reads from files.</summary>
public enum TokenizerKind
{
    /// <summary>BERT WordPiece from <c>vocab.txt</c>: <c>[CLS]</c> text <c>[SEP]</c>, padding with <c>[PAD]</c>.</summary>
    [JsonStringEnumMemberName("wordpiece")]
    WordPiece,

    /// <summary>Byte-pair encoding from <c>vocab.json</c> and <c>merges.txt</c>.</summary>
    [JsonStringEnumMemberName("bpe")]
    Bpe,

    /// <summary>A tiktoken rank file (<c>*.tiktoken</c>) with the pre-tokenizer of a named OpenAI model.</summary>
    [JsonStringEnumMemberName("tiktoken")]
    Tiktoken,
}
