namespace CompressionSafety.Cli.Tests.Stats;

public sealed class StatsDriftCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Drift_NumericFiles_PrintsScipyValues()
    {
        var a = _files.Write("a.txt", "1\n2\n3\n4.5\n");
        var b = _files.Write("b.txt", "2\n3\n5\n6\n\n7\n");

        var run = CliRun.Invoke("stats", "drift", "--reference", a, "--current", b);

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(4, json.GetProperty("n_reference").GetInt32());
        Assert.Equal(5, json.GetProperty("n_current").GetInt32());
        // scipy.stats.ks_2samp([1,2,3,4.5],[2,3,5,6,7]) and wasserstein_distance on the same samples.
        Assert.Equal(0.6, json.GetProperty("ks").GetProperty("statistic").GetDouble(), 15);
        Assert.Equal(0.2857142857142857, json.GetProperty("ks").GetProperty("p_value").GetDouble(), 15);
        Assert.Equal("exact", json.GetProperty("ks").GetProperty("method").GetString());
        Assert.Equal(1.975, json.GetProperty("wasserstein").GetProperty("distance").GetDouble(), 12);
        Assert.Equal(1e-4, json.GetProperty("psi").GetProperty("epsilon").GetDouble());
        Assert.Equal(2, json.GetProperty("jensen_shannon").GetProperty("base").GetInt32());
        Assert.InRange(json.GetProperty("hellinger").GetProperty("distance").GetDouble(), 0.0, 1.0);
    }

    [Fact]
    public void Drift_BinsOption_UsesRequestedBins()
    {
        var a = _files.Write("a.txt", string.Join('\n', Enumerable.Range(0, 100)));
        var b = _files.Write("b.txt", string.Join('\n', Enumerable.Range(50, 100)));

        var run = CliRun.Invoke("stats", "drift", "--reference", a, "--current", b, "--bins", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, run.Json().GetProperty("psi").GetProperty("bins").GetInt32());
    }

    [Fact]
    public void Drift_Categorical_PrintsChiSquareAsScipy()
    {
        var a = _files.Write("a.txt", string.Concat(Enumerable.Repeat("x\n", 50)) + string.Concat(Enumerable.Repeat("y\n", 30)) + string.Concat(Enumerable.Repeat("z\n", 20)));
        var b = _files.Write("b.txt", string.Concat(Enumerable.Repeat("x\n", 40)) + string.Concat(Enumerable.Repeat("y\n", 35)) + string.Concat(Enumerable.Repeat("z\n", 25)));

        var run = CliRun.Invoke("stats", "drift", "--reference", a, "--current", b, "--categorical");

        Assert.Equal(0, run.ExitCode);
        var chi = run.Json().GetProperty("chi_square");
        // scipy.stats.chi2_contingency([[50,30,20],[40,35,25]], correction=False)
        Assert.Equal(2.051282051282051, chi.GetProperty("statistic").GetDouble(), 12);
        Assert.Equal(0.3585665413731905, chi.GetProperty("p_value").GetDouble(), 12);
        Assert.Equal(2, chi.GetProperty("dof").GetInt32());
    }

    [Fact]
    public void Drift_NonNumericLine_OneLineErrorWithFileAndLine()
    {
        var a = _files.Write("a.txt", "1\n2\nabc\n");
        var b = _files.Write("b.txt", "1\n");

        var run = CliRun.Invoke("stats", "drift", "--reference", a, "--current", b);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {a}:3: value 'abc' is not a finite number", run.Error.TrimEnd());
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Drift_MissingFile_ErrorNamesFile()
    {
        var b = _files.Write("b.txt", "1\n");
        var missing = _files.PathOf("missing.txt");

        var run = CliRun.Invoke("stats", "drift", "--reference", missing, "--current", b);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {missing}: file not found", run.Error.TrimEnd());
    }

    [Fact]
    public void Drift_EmptySample_ErrorNamesFile()
    {
        var a = _files.Write("a.txt", "1\n");
        var empty = _files.Write("empty.txt", "\n\n");

        var run = CliRun.Invoke("stats", "drift", "--reference", a, "--current", empty);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(empty, run.Error, StringComparison.Ordinal);
        Assert.Contains("empty sample", run.Error, StringComparison.Ordinal);
    }
}
