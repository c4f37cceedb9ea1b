namespace CompressionSafety.Cli.Tests.Stats;

public sealed class StatsCalibrationCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Calibration_Csv_PrintsStatisticsAndBins()
    {
        var input = _files.Write("p.csv", "probability,label\n0.1,0\n0.9,1\n0.5,1\n");

        var run = CliRun.Invoke("stats", "calibration", "--input", input, "--bins", "2");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(3, json.GetProperty("n").GetInt32());
        // Bins (0, 0.5] holds 0.1 and 0.5 (gap |0.5 - 0.3|), (0.5, 1] holds 0.9 (gap 0.1).
        Assert.Equal(2.0 / 3 * 0.2 + 1.0 / 3 * 0.1, json.GetProperty("ece").GetDouble(), 15);
        Assert.Equal(0.2, json.GetProperty("mce").GetDouble(), 15);
        Assert.Equal((0.01 + 0.01 + 0.25) / 3, json.GetProperty("brier").GetDouble(), 15);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.9) + Math.Log(0.5)) / 3, json.GetProperty("log_loss").GetDouble(), 12);
        var bins = json.GetProperty("bins").EnumerateArray().ToArray();
        Assert.Equal(2, bins.Length);
        Assert.Equal(2, bins[0].GetProperty("count").GetInt32());
        Assert.Equal(0.3, bins[0].GetProperty("mean_probability").GetDouble(), 15);
        Assert.Equal(0.5, bins[0].GetProperty("fraction_positive").GetDouble(), 15);
        Assert.Equal(0.5, bins[1].GetProperty("lower").GetDouble());
        Assert.Equal(1.0, bins[1].GetProperty("upper").GetDouble());
    }

    [Fact]
    public void Calibration_ProbabilityOutsideUnitInterval_ErrorNamesFileAndLine()
    {
        var input = _files.Write("p.csv", "probability,label\n0.1,0\n1.2,1\n");

        var run = CliRun.Invoke("stats", "calibration", "--input", input);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {input}:3: probability 1.2 is outside [0, 1]", run.Error.TrimEnd());
    }

    [Fact]
    public void Calibration_LabelNotBinary_ErrorNamesFileAndLine()
    {
        var input = _files.Write("p.csv", "probability,label\n0.1,2\n");

        var run = CliRun.Invoke("stats", "calibration", "--input", input);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {input}:2: label '2' is not 0 or 1", run.Error.TrimEnd());
    }

    [Fact]
    public void Calibration_MissingHeader_ErrorNamesFileAndLine()
    {
        var input = _files.Write("p.csv", "0.1,1\n");

        var run = CliRun.Invoke("stats", "calibration", "--input", input);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {input}:1: expected the header 'probability,label'", run.Error.TrimEnd());
    }

    [Fact]
    public void Calibration_HeaderOnly_ErrorEmptySample()
    {
        var input = _files.Write("p.csv", "probability,label\n");

        var run = CliRun.Invoke("stats", "calibration", "--input", input);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("empty sample", run.Error, StringComparison.Ordinal);
    }
}
