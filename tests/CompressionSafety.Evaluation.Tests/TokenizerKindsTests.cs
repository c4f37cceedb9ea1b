using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Tokenizing;

namespace CompressionSafety.Evaluation.Tests;

public sealed class TokenizerKindsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-tokenizers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Encode_WordPieceLongText_TruncatesKeepingClsAndSep()
    {
        File.WriteAllLines(Path.Combine(_directory, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world"]);
        var tokenizer = TextTokenizer.Create(new RegistryTokenizer(TokenizerKind.WordPiece, Path.Combine(_directory, "vocab.txt"), MaxLength: 4));

        var (ids, mask) = Encode(tokenizer, "HELLO world hello world");

        Assert.Equal([2L, 5, 6, 3], ids);
        Assert.Equal([1L, 1, 1, 1], mask);
    }

    [Fact]
    public void Encode_Bpe_MergesAndPadsWithZero()
    {
        File.WriteAllText(Path.Combine(_directory, "vocab.json"), """{"<pad>":0,"a":1,"b":2,"c":3,"ab":4}""");
        File.WriteAllText(Path.Combine(_directory, "merges.txt"), "#version: 0.2\na b\n");
        var tokenizer = TextTokenizer.Create(new RegistryTokenizer(
            TokenizerKind.Bpe, Path.Combine(_directory, "vocab.json"), Merges: Path.Combine(_directory, "merges.txt"), MaxLength: 5));

        var (ids, mask) = Encode(tokenizer, "abc");

        Assert.Equal([4L, 3, 0, 0, 0], ids);
        Assert.Equal([1L, 1, 0, 0, 0], mask);
    }

    [Fact]
    public void Encode_Tiktoken_UsesRankFile()
    {
        // Rank file lines are base64(token bytes) and rank: "a"=0, "b"=1, " "=2, "ab"=3, " ab"=4.
        File.WriteAllLines(Path.Combine(_directory, "tiny.tiktoken"), ["YQ== 0", "Yg== 1", "IA== 2", "YWI= 3", "IGFi 4"]);
        var tokenizer = TextTokenizer.Create(new RegistryTokenizer(
            TokenizerKind.Tiktoken, Path.Combine(_directory, "tiny.tiktoken"), Model: "gpt-4", MaxLength: 4));

        var (ids, mask) = Encode(tokenizer, "ab ab");

        Assert.Equal([3L, 4, 0, 0], ids);
        Assert.Equal([1L, 1, 0, 0], mask);
    }

    [Fact]
    public void Create_MissingVocab_ThrowsEvaluationException()
    {
        var ex = Assert.Throws<EvaluationException>(() =>
            TextTokenizer.Create(new RegistryTokenizer(TokenizerKind.WordPiece, Path.Combine(_directory, "none.txt"))));

        Assert.Contains("Cannot load the WordPiece tokenizer", ex.Message, StringComparison.Ordinal);
    }

    private static (long[] Ids, long[] Mask) Encode(TextTokenizer tokenizer, string text)
    {
        var ids = new long[tokenizer.Length];
        var mask = new long[tokenizer.Length];
        tokenizer.Encode(text, ids, mask);
        return (ids, mask);
    }
}
