using System.Security.Cryptography;
using System.Text.Json;
using CompressionSafety.Statistics;

namespace CompressionSafety.Reports.Tests;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_TwoWindows_PoolsCountsAndUsesNewcombeInterval()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        var all = Assert.Single(report.Changes, c => c.Slice == "all");
        Assert.Equal(("int8", "fp32"), (all.Variant, all.Baseline));
        Assert.Equal((45L, 200L, 30L, 200L), (all.VariantSuccesses, all.VariantTrials, all.BaselineSuccesses, all.BaselineTrials));
        Assert.Equal(0.075, all.Difference, 12);
        var expected = Proportions.NewcombeDifference(45, 200, 30, 200);
        Assert.Equal(expected.Low, all.Low, 12);
        Assert.Equal(expected.High, all.High, 12);
    }

    [Fact]
    public void Build_Slices_OrderedAfterAllByHarm()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        Assert.Equal(["all", "locale=de"], report.Changes.Select(c => c.Slice));
        Assert.Equal(0.25, report.Changes[1].Difference, 12);
        Assert.Equal(40, report.Changes[1].VariantTrials);
    }

    [Fact]
    public void Build_GatingIncident_DecisionNeedsValidationWithLifecycle()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        var decision = Assert.Single(report.Decisions);
        Assert.Equal(("int8", "needs-validation"), (decision.Variant, decision.Decision));
        var incident = Assert.Single(report.Incidents);
        Assert.Equal("resolved", incident.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 10, 0, TimeSpan.Zero), incident.ResolvedAt);
    }

    [Fact]
    public void Build_FromTo_KeepsOnlyWindowsInside()
    {
        using var inputs = new ReportInputs();
        var request = inputs.Request() with { From = new DateTimeOffset(2026, 11, 26, 0, 5, 0, TimeSpan.Zero) };
        var report = ReportBuilder.Build(request);

        Assert.Equal(2, report.WindowsUsed);
        var all = Assert.Single(report.Changes);
        Assert.Equal((30L, 20L), (all.VariantSuccesses, all.BaselineSuccesses));
    }

    [Fact]
    public void Json_Numbers_MatchInputsAndManifestHashes()
    {
        using var inputs = new ReportInputs();
        using var document = JsonDocument.Parse(ReportJson.Write(ReportBuilder.Build(inputs.Request())));
        var root = document.RootElement;

        var all = root.GetProperty("changes")[0];
        Assert.Equal(0.225, all.GetProperty("variant_rate").GetDouble(), 12);
        Assert.Equal(0.15, all.GetProperty("baseline_rate").GetDouble(), 12);
        Assert.Equal(200, all.GetProperty("variant_n").GetInt64());
        Assert.Equal(4, root.GetProperty("flagged_rate_series").GetArrayLength());
        var manifest = root.GetProperty("manifest");
        Assert.Equal(6, manifest.GetProperty("windows_used").GetInt64());
        Assert.Equal("2026-11-26T00:00:00.000Z", manifest.GetProperty("period_start").GetString());
        Assert.Equal("2026-11-26T00:10:00.000Z", manifest.GetProperty("period_end").GetString());
        var windows = manifest.GetProperty("inputs")[0];
        Assert.Equal(6, windows.GetProperty("records").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(inputs.WindowsFile))), windows.GetProperty("sha256").GetString());
    }

    [Fact]
    public void WriteAll_SameInputsTwice_ByteIdenticalFiles()
    {
        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        var first = Path.Combine(inputs.Directory, "a");
        var second = Path.Combine(inputs.Directory, "b");
        ReportWriter.WriteAll(ReportBuilder.Build(inputs.Request()), first);
        ReportWriter.WriteAll(ReportBuilder.Build(inputs.Request()), second);

        foreach (var name in new[] { "report.json", "report.md", "report.html" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }
    }

    [Fact]
    public void Build_EvaluationRejects_RejectWinsAndExemplarsKeptForThatModelOnly()
    {
        using var inputs = new ReportInputs();
        var evaluation = Path.Combine(inputs.Directory, "evaluation.json");
        File.WriteAllText(evaluation, """
            {"model":"m","variants":[{"name":"fp32","is_baseline":true,"gate":"pass"},
             {"name":"int8","gate":"reject","reasons":[{"text":"unsafe_miss_rate up"}],"exemplars":[{"id":"case-1"}]},
             {"name":"fp16","gate":"pass","reasons":[]}]}
            """);
        var report = ReportBuilder.Build(inputs.Request() with { EvaluationFile = evaluation });

        Assert.Equal([("fp16", "pass"), ("int8", "reject")], report.Decisions.Select(d => (d.Variant, d.Decision)));
        Assert.Contains("unsafe_miss_rate up", report.Decisions[1].Reasons);
        var exemplar = Assert.Single(report.Exemplars);
        Assert.Equal(("int8", "{\"id\":\"case-1\"}"), (exemplar.Variant, exemplar.Json));
    }

    [Fact]
    public void Html_IncidentInPeriod_MarkedOnRateChart()
    {
        using var inputs = new ReportInputs();
        var html = ReportHtml.Write(ReportBuilder.Build(inputs.Request()));

        Assert.Contains("<line class=\"incident\"", html, StringComparison.Ordinal);
        Assert.Contains("abc123 flagged-up (int8, all)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LabelWindows_PoolsUnsafeMissRateOverPositiveCount()
    {
        using var inputs = new ReportInputs();
        string[] labels =
        [
            "{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"all\",\"kind\":\"labels\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":50,\"metrics\":{\"positive_count\":20,\"unsafe_miss_rate\":0.1},\"reference\":{},\"histograms\":{}}",
            "{\"model\":\"m\",\"variant\":\"int8\",\"slice\":\"all\",\"kind\":\"labels\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":50,\"metrics\":{\"positive_count\":25,\"unsafe_miss_rate\":0.2},\"reference\":{\"baseline\":{}},\"histograms\":{}}",
        ];
        File.AppendAllText(inputs.WindowsFile, string.Join('\n', labels) + "\n");
        var report = ReportBuilder.Build(inputs.Request());

        var miss = Assert.Single(report.Changes, c => c.Metric == "unsafe_miss_rate");
        Assert.Equal((5L, 25L, 2L, 20L), (miss.VariantSuccesses, miss.VariantTrials, miss.BaselineSuccesses, miss.BaselineTrials));
        var expected = Proportions.NewcombeDifference(5, 25, 2, 20);
        Assert.Equal(expected.Low, miss.Low, 12);
        Assert.Equal("flagged_rate", report.Changes[0].Metric);
    }

    [Theory]
    [InlineData("\"kind\":\"traffic\"", "\"kind\":\"shadow\"", "window kind 'shadow' is not one this version writes")]
    [InlineData("\"flagged_rate\":", "\"flag_rate\":", "metric 'flag_rate' is not one this version writes")]
    public void Build_WindowsOfAnotherVersion_RefusedNamingTheFileAndWindow(string from, string to, string message)
    {
        using var inputs = new ReportInputs();
        var lines = File.ReadAllLines(inputs.WindowsFile);
        lines[2] = lines[2].Replace(from, to, StringComparison.Ordinal);
        File.WriteAllLines(inputs.WindowsFile, lines);

        var ex = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build(inputs.Request()));

        Assert.Contains(inputs.WindowsFile + ": window 3: " + message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PeriodWithoutWindows_RefusedInsteadOfAnEmptyPass()
    {
        using var inputs = new ReportInputs();
        var request = inputs.Request() with { From = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };

        var ex = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build(request));

        Assert.Contains("no windows in the period [2026-12-01T00:00:00.000Z, end)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoEvaluationAndNoRules_VariantNotEvaluatedRatherThanPass()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request() with { IncidentsFile = null });

        var decision = Assert.Single(report.Decisions);
        Assert.Equal(ReportBuilder.NotEvaluated, decision.Decision);
        Assert.Contains("no alert rules ran", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RulesRanAndNothingFired_Pass()
    {
        using var inputs = new ReportInputs();
        File.WriteAllText(inputs.IncidentsFile, string.Empty);

        var decision = Assert.Single(ReportBuilder.Build(inputs.Request()).Decisions);

        Assert.Equal("pass", decision.Decision);
    }

    [Fact]
    public void Markdown_NamesWithMarkupAndLineBreaks_ShownAsWrittenInOneRow()
    {
        using var inputs = new ReportInputs();
        var text = File.ReadAllText(inputs.WindowsFile).Replace("\"int8\"", "\"<b>x</b>|y\\nz_*\"", StringComparison.Ordinal);
        File.WriteAllText(inputs.WindowsFile, text);
        File.WriteAllText(inputs.IncidentsFile, string.Empty);

        var markdown = ReportMarkdown.Write(ReportBuilder.Build(inputs.Request()));

        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        Assert.Contains("| m | &lt;b&gt;x&lt;/b&gt;\\|y z\\_\\* | **pass** |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_LongLegendName_SqueezedIntoTheColumn()
    {
        using var inputs = new ReportInputs();
        File.WriteAllText(inputs.WindowsFile, File.ReadAllText(inputs.WindowsFile).Replace("\"int8\"", "\"distilled-small-int8-awq\"", StringComparison.Ordinal));

        var html = ReportHtml.Write(ReportBuilder.Build(inputs.Request()));

        Assert.Contains("lengthAdjust=\"spacingAndGlyphs\">distilled-small-int8-awq</text>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flagged_rate_diff_low", 0.0123, "+1.23 pp")]
    [InlineData("unsafe_miss_rate_diff_cs_low", -0.5, "-50.00 pp")]
    [InlineData("flagged_rate_cusum_up", 17.5, "17.5")]
    [InlineData("positive_probability_psi", 0.31, "0.31")]
    public void Evidence_RatesInPointsLikeTheTables(string metric, double value, string shown)
    {
        Assert.Equal(shown, Format.Evidence(metric, value));
    }
}
