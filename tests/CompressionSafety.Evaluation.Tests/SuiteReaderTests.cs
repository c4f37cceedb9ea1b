using System.Text;
using CompressionSafety.Evaluation.Suites;

namespace CompressionSafety.Evaluation.Tests;

public sealed class SuiteReaderTests
{
    private static readonly string[] Labels = ["safe", "unsafe"];

    [Fact]
    public void Parse_ValidLine_ReadsEveryField()
    {
        var suite = Parse("""{"id":"a","features":[1.5,-2],"expected":"unsafe","tags":["edge-case","pii"],"slices":{"locale":"de"}}""");

        var c = Assert.Single(suite.Cases);
        Assert.Equal(("a", "unsafe", 1), (c.Id, c.Expected, c.Line));
        Assert.Equal([1.5f, -2f], c.Features);
        Assert.Equal(["edge-case", "pii"], c.Tags);
        Assert.Equal("de", c.Slices["locale"]);
        Assert.Empty(suite.Errors);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"features":[1,2],"expected":"safe","tags":["routine"]}""", "'id' must be")]
    [InlineData("""{"id":"x","features":[1,"2"],"expected":"safe","tags":["routine"]}""", "'features[1]'")]
    [InlineData("""{"id":"x","features":[1,1e39],"expected":"safe","tags":["routine"]}""", "'features[1]' must be a finite")]
    [InlineData("""{"id":"x","features":[1,2,3],"expected":"safe","tags":["routine"]}""", "has 3 values")]
    [InlineData("""{"id":"x","features":[1,2],"expected":"toxic","tags":["routine"]}""", "'toxic' is not one of")]
    [InlineData("""{"id":"x","features":[1,2],"expected":"safe","tags":["pii"]}""", "exactly one of routine")]
    [InlineData("""{"id":"x","features":[1,2],"expected":"safe","tags":["routine"],"slices":{"locale":3}}""", "'slices.locale'")]
    public void Parse_BadLine_ReportsLineAndReason(string line, string reason)
    {
        var suite = Parse(Good("ok"), line, Good("ok2"));

        var error = Assert.Single(suite.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(["ok", "ok2"], suite.Cases.Select(c => c.Id));
    }

    [Fact]
    public void Parse_DuplicateIdAndBlankLines_KeepsFirstAndCountsLines()
    {
        var suite = Parse(Good("a"), string.Empty, "   ", Good("a"));

        Assert.Single(suite.Cases);
        Assert.Equal(new SuiteError(4, "duplicate id 'a'"), Assert.Single(suite.Errors));
    }

    [Fact]
    public void Read_MissingFile_ThrowsEvaluationException()
    {
        var ex = Assert.Throws<EvaluationException>(() => SuiteReader.Read("/nonexistent/suite.jsonl"));

        Assert.Contains("/nonexistent/suite.jsonl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8BomAtTheStart_ReadsTheFirstCase()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good("first"))];

        var suite = SuiteReader.Parse(bytes, featureCount: 2, labels: Labels);

        Assert.Equal("first", Assert.Single(suite.Cases).Id);
        Assert.Empty(suite.Errors);
    }

    private static string Good(string id) => $$"""{"id":"{{id}}","features":[1,2],"expected":"safe","tags":["routine"]}""";

    private static SafetySuite Parse(params string[] lines) =>
        SuiteReader.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines)), featureCount: 2, labels: Labels);
}
