using System.Globalization;

namespace CompressionSafety.Contracts.Tests;

public sealed class RecordParserMapTests
{
    private static string Features(int count, int? duplicateAt = null) =>
        "{\"features\":{" + string.Join(",", Enumerable.Range(0, count).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"f{(i == duplicateAt ? 0 : i)}\":{i * 0.5}"))) + "}}";

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Parse_FeatureMapOfAnySize_KeepsEveryEntry(int count)
    {
        var r = Assert.IsType<PredictionRecord>(RecordParser.Parse(Records.Prediction("input", Features(count))).Record);

        Assert.Equal(count, r.Input!.Features.Count);
        Assert.Equal((count - 1) * 0.5, r.Input.Features["f" + (count - 1).ToString(CultureInfo.InvariantCulture)]);
        Assert.False(r.Input.Features.ContainsKey("missing"));
        Assert.Equal(count, r.Input.Features.Keys.Count());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    public void Parse_DuplicateFeatureEitherSideOfArraySwitch_RejectedAsDuplicate(int duplicateAt)
    {
        var rejection = RecordParser.Parse(Records.Prediction("input", Features(40, duplicateAt))).Rejection;

        Assert.Equal(RejectionCode.InvalidValue, rejection?.Code);
        Assert.Equal("input.features.f0", rejection?.Field);
    }

    [Fact]
    public void Parse_SameStringsAcrossRecords_GiveEqualValues()
    {
        var first = (PredictionRecord)RecordParser.Parse(Records.Utf8(Records.SpecExample)).Record!;
        var second = (PredictionRecord)RecordParser.Parse(Records.Prediction("model", "\"other-model\"")).Record!;

        Assert.Equal("toxicity-guard", first.Model);
        Assert.Equal("other-model", second.Model);
        Assert.Equal(first.Segment["locale"], second.Segment["locale"]);
    }
}
