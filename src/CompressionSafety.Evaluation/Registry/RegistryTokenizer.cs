namespace CompressionSafety.Evaluation.Registry;

/// <summary>How a case's <c>text</c> becomes token ids. Paths are relative to the registry's folder unless absolute.</summary>
/// <param name="Kind">The tokenizer family.</param>
/// <param name="Vocab">The vocabulary file (<c>vocab.txt</c>, <c>vocab.json</c> or <c>*.tiktoken</c>).</param>
/// <param name="Merges">BPE only: <c>merges.txt</c>.</param>
/// <param name="Model">Tiktoken only: the OpenAI model whose pre-tokenizer applies (for example <c>gpt-4</c>).</param>
/// <param name="Lowercase">WordPiece only: lowercase before tokenizing (uncased BERT models).</param>
/// <param name="MaxLength">Sequence length: longer texts are truncated, shorter ones padded (special tokens included).</param>
/// <param name="PaddingId">Padding token id; for WordPiece the vocabulary's <c>[PAD]</c> when absent, else 0.</param>
public sealed record RegistryTokenizer(
    TokenizerKind Kind,
    string Vocab,
    string? Merges = null,
    string? Model = null,
    bool Lowercase = true,
    int MaxLength = 128,
    int? PaddingId = null);
