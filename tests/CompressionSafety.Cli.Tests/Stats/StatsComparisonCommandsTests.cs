using System.CommandLine;
using System.Text.Json;

namespace CompressionSafety.Cli.Tests.Stats;

public sealed class StatsComparisonCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-stats-compare-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Paired_ValidCsv_PrintsCountsAndMcNemar()
    {
        var path = Write("paired.csv", "baseline_correct,variant_correct\n1,0\n1,0\n1,0\n0,1\n1,1\n0,0\n");
        var (exit, output, error) = Run("stats", "paired", "--input", path);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("n").GetInt32());
        Assert.Equal(3, root.GetProperty("b").GetInt32());
        Assert.Equal(1, root.GetProperty("c").GetInt32());
        var mcnemar = root.GetProperty("mcnemar");
        Assert.Equal(0.625, mcnemar.GetProperty("p_value_exact").GetDouble(), 12);
        Assert.Equal(0.25, mcnemar.GetProperty("statistic_chi2").GetDouble(), 12);
        Assert.Equal(0.6170750774519739, mcnemar.GetProperty("p_value_chi2").GetDouble(), 12);
    }

    [Fact]
    public void Paired_BadValue_OneLineErrorWithFileAndLine()
    {
        var path = Write("bad.csv", "baseline_correct,variant_correct\n1,0\n1,2\n");
        var (exit, output, error) = Run("stats", "paired", "--input", path);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {path}:3: expected two 0/1 values, found '1,2'.", error.TrimEnd());
    }

    [Fact]
    public void Paired_WrongHeader_ErrorNamesLineOne()
    {
        var path = Write("header.csv", "a,b\n1,0\n");
        var (exit, _, error) = Run("stats", "paired", "--input", path);
        Assert.NotEqual(0, exit);
        Assert.StartsWith($"error: {path}:1:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_MissingFile_OneLineError()
    {
        var path = Path.Combine(_directory, "missing.csv");
        var (exit, _, error) = Run("stats", "paired", "--input", path);
        Assert.NotEqual(0, exit);
        Assert.Equal($"error: {path}: file not found", error.TrimEnd());
    }

    [Fact]
    public void Proportions_TwoRates_PrintsWilsonTestAndNewcombe()
    {
        var (exit, output, _) = Run("stats", "proportions", "--a", "7/20", "--b", "12/25");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(0.35, root.GetProperty("a").GetProperty("rate").GetDouble(), 12);
        // statsmodels 0.13: proportion_confint(7, 20, method='wilson'), proportions_ztest, confint_proportions_2indep(newcomb).
        Assert.Equal(0.18119182410108203, root.GetProperty("a").GetProperty("wilson_low").GetDouble(), 12);
        Assert.Equal(0.5671457233147638, root.GetProperty("a").GetProperty("wilson_high").GetDouble(), 12);
        Assert.Equal(-0.13, root.GetProperty("difference").GetDouble(), 12);
        Assert.Equal(-0.8773464777984029, root.GetProperty("z").GetDouble(), 12);
        Assert.Equal(0.3802984746339797, root.GetProperty("p_value").GetDouble(), 12);
        Assert.Equal(-0.3804529651530275, root.GetProperty("newcombe_low").GetDouble(), 12);
        Assert.Equal(0.1518505518890778, root.GetProperty("newcombe_high").GetDouble(), 12);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("21/20")]
    [InlineData("x/20")]
    [InlineData("1/0")]
    public void Proportions_BadCounts_OneLineError(string text)
    {
        var (exit, output, error) = Run("stats", "proportions", "--a", text, "--b", "1/2");
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"error: --a '{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_JumpSeries_ReportsMethodParametersAndIndices()
    {
        var values = Enumerable.Range(0, 200).Select(i => i < 100 ? "0" : "100");
        var path = Write("series.txt", string.Join('\n', values) + "\n");
        var (exit, output, _) = Run("stats", "detect", "--method", "page-hinkley", "--input", path);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("page-hinkley", root.GetProperty("method").GetString());
        Assert.Equal(50.0, root.GetProperty("parameters").GetProperty("threshold").GetDouble());
        Assert.Equal(0.005, root.GetProperty("parameters").GetProperty("delta").GetDouble());
        var detections = root.GetProperty("detections").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(100, detections[0]);
    }

    [Theory]
    [InlineData("cusum")]
    [InlineData("ewma")]
    [InlineData("adwin")]
    public void Detect_ConstantSeries_NoDetections(string method)
    {
        var path = Write("flat.txt", string.Join('\n', Enumerable.Repeat("1.5", 300)));
        var (exit, output, _) = Run("stats", "detect", "--method", method, "--input", path);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("detections").GetArrayLength());
    }

    [Fact]
    public void Detect_NonNumericLine_OneLineErrorWithFileAndLine()
    {
        var path = Write("bad.txt", "1\n2\nabc\n4\n");
        var (exit, output, error) = Run("stats", "detect", "--method", "cusum", "--input", path);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {path}:3: value 'abc' is not a finite number", error.TrimEnd());
    }

    [Fact]
    public void Detect_EmptyFile_Error()
    {
        var path = Write("empty.txt", "");
        var (exit, _, error) = Run("stats", "detect", "--method", "ewma", "--input", path);
        Assert.NotEqual(0, exit);
        Assert.Equal($"error: {path}: no values (empty sample)", error.TrimEnd());
    }

    [Fact]
    public void Detect_UnknownMethod_NonZeroExit()
    {
        var path = Write("one.txt", "1\n");
        var (exit, _, error) = Run("stats", "detect", "--method", "ddm", "--input", path);
        Assert.NotEqual(0, exit);
        Assert.Contains("ddm", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }
}
