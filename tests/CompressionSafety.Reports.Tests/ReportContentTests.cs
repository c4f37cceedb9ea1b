using System.Text.Json;
using CompressionSafety.Statistics;

namespace CompressionSafety.Reports.Tests;

public sealed class ReportContentTests
{
    private const string Evaluation = """
        {"model":"m","variants":[{"name":"fp32","is_baseline":true,"gate":"pass","file_bytes":4096},
         {"name":"int8","gate":"pass","reasons":[],"file_bytes":1024}]}
        """;

    [Fact]
    public void Build_LabelledWindows_PoolsReliabilityBinsBySum()
    {
        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        var report = ReportBuilder.Build(inputs.Request());

        var diagram = Assert.Single(report.Reliability);
        Assert.Equal(("int8", "fp32"), (diagram.Variant, diagram.Baseline));
        Assert.Equal([5L, 15L, 20L], diagram.VariantCurve.Bins.Select(b => b.Count));
        Assert.Equal([0.5, 7.0, 17.0], diagram.VariantCurve.Bins.Select(b => b.ProbabilitySum));
        Assert.Equal([0L, 4L, 13L], diagram.VariantCurve.Bins.Select(b => b.Positives));
        Assert.Equal((2L, 40L), (diagram.VariantCurve.Windows, diagram.VariantCurve.Count));
        Assert.Equal([20L, 5L, 15L], diagram.BaselineCurve!.Bins.Select(b => b.Count));
        Assert.Equal([3L, 2L, 13L], diagram.BaselineCurve.Bins.Select(b => b.Positives));
    }

    [Fact]
    public void Build_LabelledWindows_PooledEceFromSummedBins()
    {
        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        var diagram = Assert.Single(ReportBuilder.Build(inputs.Request()).Reliability);

        // int8: 5/40 * |0 - 0.1| + 15/40 * |4/15 - 7/15| + 20/40 * |13/20 - 17/20|.
        Assert.Equal(0.1875, diagram.VariantCurve.Ece, 12);
        // fp32: 20/40 * |0.15 - 0.125| + 5/40 * |0.4 - 0.5| + 15/40 * |13/15 - 12.5/15|.
        Assert.Equal(0.0375, diagram.BaselineCurve!.Ece, 12);
        Assert.Equal(7.0 / 15, diagram.VariantCurve.Bins[1].MeanProbability, 12);
    }

    [Fact]
    public void Json_Reliability_WritesPooledBinsAndEce()
    {
        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        using var document = JsonDocument.Parse(ReportJson.Write(ReportBuilder.Build(inputs.Request())));

        var diagram = document.RootElement.GetProperty("reliability")[0];
        var curve = diagram.GetProperty("variant_curve");
        Assert.Equal(0.1875, curve.GetProperty("ece").GetDouble(), 12);
        Assert.Equal(40, curve.GetProperty("n").GetInt64());
        var bin = curve.GetProperty("bins")[2];
        Assert.Equal((20L, 17.0, 13L), (bin.GetProperty("n").GetInt64(), bin.GetProperty("probability_sum").GetDouble(), bin.GetProperty("positives").GetInt64()));
        Assert.Equal(0.0375, diagram.GetProperty("baseline_curve").GetProperty("ece").GetDouble(), 12);
    }

    [Fact]
    public void Html_LabelledWindows_OneReliabilityDiagramPerVariantWithDiagonal()
    {
        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        var html = ReportHtml.Write(ReportBuilder.Build(inputs.Request()));

        Assert.Single(html.Split("<svg id=\"chart-reliability-").Skip(1));
        Assert.Contains("<svg id=\"chart-reliability-m-int8\"", html, StringComparison.Ordinal);
        Assert.Contains("<line class=\"diagonal\"", html, StringComparison.Ordinal);
        Assert.Contains("mean predicted unsafe probability (1)", html, StringComparison.Ordinal);
        Assert.Contains("observed unsafe frequency (1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BaselinePsi_DriftSeriesPerWindow()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        Assert.Equal([0.05, 0.3], report.Drift.Select(p => p.Psi));
        Assert.All(report.Drift, p => Assert.Equal(("int8", 100L), (p.Variant, p.Count)));
        var html = ReportHtml.Write(report);
        Assert.Contains("<svg id=\"chart-drift\"", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("class=\"psi-reference\"").Length - 1);
    }

    [Fact]
    public void Json_DriftSeries_HoldsPsiPerWindow()
    {
        using var inputs = new ReportInputs();
        using var document = JsonDocument.Parse(ReportJson.Write(ReportBuilder.Build(inputs.Request())));

        var series = document.RootElement.GetProperty("drift_series");
        Assert.Equal(2, series.GetArrayLength());
        Assert.Equal("2026-11-26T00:05:00.000Z", series[1].GetProperty("window_start").GetString());
        Assert.Equal(0.3, series[1].GetProperty("positive_probability_psi").GetDouble(), 12);
    }

    [Fact]
    public void Build_SliceHarms_SortedByLowerBoundOfHarmNotByDifference()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        // locale=de: 20/40 vs 10/40; all: 45/200 vs 30/200. The changes table keeps "all" first; harm ranks de first.
        Assert.Equal(["locale=de", "all"], report.SliceHarms.Select(h => h.Change.Slice));
        Assert.Equal(Proportions.NewcombeDifference(20, 40, 10, 40).Low, report.SliceHarms[0].Harm, 12);
        Assert.Equal(Proportions.NewcombeDifference(45, 200, 30, 200).Low, report.SliceHarms[1].Harm, 12);
        Assert.All(report.SliceHarms, h => Assert.Equal("increase", h.HarmfulDirection));
    }

    [Fact]
    public void Build_ChangesTable_SlicesAfterAllSortedByHarmNotByDifference()
    {
        using var inputs = new ReportInputs();
        // locale=ja: 3/4 vs 1/4, a larger difference than locale=de's 20/40 vs 10/40 but too few records to be sure.
        File.AppendAllText(inputs.WindowsFile, string.Join('\n',
            "{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"locale=ja\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":4,\"metrics\":{\"flagged_count\":4,\"flagged_rate\":0.25},\"reference\":{},\"histograms\":{}}",
            "{\"model\":\"m\",\"variant\":\"int8\",\"slice\":\"locale=ja\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":4,\"metrics\":{\"flagged_count\":4,\"flagged_rate\":0.75},\"reference\":{\"baseline\":{}},\"histograms\":{}}") + "\n");
        var report = ReportBuilder.Build(inputs.Request());

        Assert.Equal(["all", "locale=de", "locale=ja"], report.Changes.Select(c => c.Slice));
        Assert.True(report.Changes[2].Difference > report.Changes[1].Difference);
        Assert.Equal(["locale=de", "all", "locale=ja"], report.SliceHarms.Select(h => h.Change.Slice));
    }

    [Fact]
    public void Build_FlaggedRateDrop_HarmIsMinusUpperBound()
    {
        using var inputs = new ReportInputs();
        // A slice where int8 flags far less than fp32: under-flagging is harm too.
        File.AppendAllText(inputs.WindowsFile, string.Join('\n',
            "{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"locale=fr\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":100,\"metrics\":{\"flagged_count\":100,\"flagged_rate\":0.6},\"reference\":{},\"histograms\":{}}",
            "{\"model\":\"m\",\"variant\":\"int8\",\"slice\":\"locale=fr\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:00:00.000Z\",\"window_end\":\"2026-11-26T00:05:00.000Z\",\"count\":100,\"metrics\":{\"flagged_count\":100,\"flagged_rate\":0.2},\"reference\":{\"baseline\":{}},\"histograms\":{}}") + "\n");
        var report = ReportBuilder.Build(inputs.Request());

        var first = report.SliceHarms[0];
        Assert.Equal(("locale=fr", "decrease"), (first.Change.Slice, first.HarmfulDirection));
        Assert.Equal(-Proportions.NewcombeDifference(20, 100, 60, 100).High, first.Harm, 12);
    }

    [Fact]
    public void Build_LatencyWindowsWithoutHistogram_CountWeightedMeanOfWindowPercentiles()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        var fp32 = Assert.Single(report.Resources, r => r.Variant == "fp32");
        Assert.Equal(ResourceFigures.MeanPooling, fp32.Pooling);
        Assert.Equal((2L, 150L), (fp32.Windows, fp32.LatencyCount));
        Assert.Equal(11.0, fp32.P50, 12);
        Assert.Equal(22.0, fp32.P95, 12);
        Assert.Equal(35.0, fp32.P99, 12);
        Assert.Equal(45.0, fp32.MaxWindowP99, 12);
        Assert.Null(fp32.ModelBytes);
        Assert.Equal(17.0, Assert.Single(report.Resources, r => r.Variant == "int8").P95, 12);
    }

    [Fact]
    public void Build_Evaluation_ModelBytesFromFileBytes()
    {
        using var inputs = new ReportInputs();
        var evaluation = Path.Combine(inputs.Directory, "evaluation.json");
        File.WriteAllText(evaluation, Evaluation);
        var report = ReportBuilder.Build(inputs.Request() with { EvaluationFile = evaluation });

        Assert.Equal([("fp32", (long?)4096), ("int8", 1024)], report.Resources.Select(r => (r.Variant, r.ModelBytes)));
        Assert.Empty(report.Warnings);
        using var document = JsonDocument.Parse(ReportJson.Write(report));
        Assert.Equal(1024, document.RootElement.GetProperty("resources")[1].GetProperty("model_bytes").GetInt64());
        Assert.Equal(0, document.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void Build_EvaluationOfOtherModel_WarnsAndJoinsNoModelBytes()
    {
        using var inputs = new ReportInputs();
        var evaluation = Path.Combine(inputs.Directory, "evaluation.json");
        File.WriteAllText(evaluation, Evaluation.Replace("\"model\":\"m\"", "\"model\":\"demo-safety-mlp\"", StringComparison.Ordinal));
        var report = ReportBuilder.Build(inputs.Request() with { EvaluationFile = evaluation });

        var warning = Assert.Single(report.Warnings);
        Assert.Contains("'demo-safety-mlp'", warning, StringComparison.Ordinal);
        Assert.Contains("'m'", warning, StringComparison.Ordinal);
        Assert.All(report.Resources, r => Assert.Null(r.ModelBytes));
        Assert.Contains("<section id=\"warnings\"", ReportHtml.Write(report), StringComparison.Ordinal);
        Assert.Contains("## Warnings", ReportMarkdown.Write(report), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(ReportJson.Write(report));
        Assert.Equal(warning, document.RootElement.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void Build_EvaluationVariantNamesDiffer_WarnsBothWays()
    {
        using var inputs = new ReportInputs();
        var evaluation = Path.Combine(inputs.Directory, "evaluation.json");
        File.WriteAllText(evaluation, Evaluation.Replace("\"name\":\"int8\"", "\"name\":\"int8-dynamic\"", StringComparison.Ordinal));
        var report = ReportBuilder.Build(inputs.Request() with { EvaluationFile = evaluation });

        Assert.Equal(2, report.Warnings.Count);
        Assert.Contains("'int8-dynamic'", report.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("no window holds", report.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("'int8'", report.Warnings[1], StringComparison.Ordinal);
        Assert.Contains("not in evaluation.json", report.Warnings[1], StringComparison.Ordinal);
        Assert.Null(Assert.Single(report.Resources, r => r.Variant == "int8").ModelBytes);
    }

    [Fact]
    public void Build_NoEvaluation_NoWarnings()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        Assert.Empty(report.Warnings);
        Assert.DoesNotContain("id=\"warnings\"", ReportHtml.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ManySlices_WhatChangedShowsOverallAndThreeMostHarmfulWhileJsonKeepsAll()
    {
        using var inputs = new ReportInputs();
        // With locale=de (int8 50% vs 25%) from the base inputs: six slices, harm order de, ja, fr, en, web, mobile.
        inputs.AppendSlices(("locale=ja", 0.30), ("locale=fr", 0.25), ("locale=en", 0.20), ("channel=web", 0.12), ("channel=mobile", 0.11));
        var report = ReportBuilder.Build(inputs.Request());

        var markdown = ReportMarkdown.Write(report);
        var section = markdown[markdown.IndexOf("## What changed", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        foreach (var shown in new[] { "| all |", "| locale=de |", "| locale=ja |", "| locale=fr |" })
        {
            Assert.Contains(shown, section, StringComparison.Ordinal);
        }

        foreach (var omitted in new[] { "| locale=en |", "| channel=web |", "| channel=mobile |" })
        {
            Assert.DoesNotContain(omitted, section, StringComparison.Ordinal);
        }

        Assert.Contains("the 3 other rows", section, StringComparison.Ordinal);
        Assert.Contains("come from a re-evaluation; pass --evaluation DIR", markdown, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(ReportJson.Write(report));
        Assert.Equal(7, document.RootElement.GetProperty("changes").GetArrayLength());
    }
}
