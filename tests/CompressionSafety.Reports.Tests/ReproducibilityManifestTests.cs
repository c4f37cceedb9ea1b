using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CompressionSafety.Reports.Tests;

public sealed class ReproducibilityManifestTests
{
    [Fact]
    public void Build_NoRunFileNoEvaluation_EveryHashUnknown()
    {
        using var inputs = new ReportInputs();
        var report = ReportBuilder.Build(inputs.Request());

        var manifest = Manifest(report);
        Assert.Equal(
            ["unknown", "unknown", "unknown", "unknown"],
            new[] { "config_sha256", "rules_sha256", "generator_seed", "suite_sha256" }.Select(n => manifest.GetProperty(n).GetString()));
        Assert.Equal(0, manifest.GetProperty("models").GetArrayLength());
        Assert.Contains("| model sha256 | `unknown (no evaluation given)` |", ReportMarkdown.Write(report), StringComparison.Ordinal);
        Assert.Contains("<td>configuration sha256</td><td><code>unknown</code></td>", ReportHtml.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Evaluation_SuiteAndModelHashesFromEvaluationJson()
    {
        using var inputs = new ReportInputs();
        var fp32 = Hash("fp32 model bytes");
        var int8 = Hash("int8 model bytes");
        var suite = Hash("{\"id\":\"c1\"}\n");
        var evaluation = Path.Combine(inputs.Directory, "evaluation.json");
        File.WriteAllText(evaluation, $$"""
            {"model":"m","suite_sha256":"{{suite}}","variants":[
              {"name":"fp32","is_baseline":true,"file":"fp32.onnx","sha256":"{{fp32}}","gate":"pass","reasons":[]},
              {"name":"int8","is_baseline":false,"file":"int8.onnx","sha256":"{{int8}}","gate":"pass","reasons":[]}]}
            """);

        var manifest = Manifest(ReportBuilder.Build(inputs.Request() with { EvaluationFile = evaluation }));

        Assert.Equal(suite, manifest.GetProperty("suite_sha256").GetString());
        Assert.Equal(
            [("fp32", true, "fp32.onnx", fp32), ("int8", false, "int8.onnx", int8)],
            manifest.GetProperty("models").EnumerateArray().Select(m =>
                (m.GetProperty("variant").GetString(), m.GetProperty("is_baseline").GetBoolean(), m.GetProperty("file").GetString(), m.GetProperty("sha256").GetString())));
    }

    [Fact]
    public void Build_EvaluationWithHost_ManifestNamesEvaluationHost()
    {
        using var inputs = new ReportInputs();
        var evaluation = Path.Combine(inputs.Directory, "evaluation.json");
        File.WriteAllText(evaluation, """
            {"model":"m","suite_sha256":"s","host":{"cpu_model":"AMD EPYC","isa_features":["avx","avx2"],"intra_op_num_threads":1},
             "variants":[{"name":"fp32","is_baseline":true,"file":"fp32.onnx","sha256":"h","gate":"pass","reasons":[]}]}
            """);

        var report = ReportBuilder.Build(inputs.Request() with { EvaluationFile = evaluation });
        var host = Manifest(report).GetProperty("evaluation_host");

        Assert.Equal(("AMD EPYC", "avx avx2", "1"), (host.GetProperty("cpu_model").GetString(), host.GetProperty("isa_features").GetString(), host.GetProperty("intra_op_num_threads").GetString()));
        Assert.Contains("evaluation host", ReportMarkdown.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SummaryNextToWindows_ConfigRulesAndSeedFromIt()
    {
        using var inputs = new ReportInputs();
        var config = Hash("window_size: 5m\n");
        var rules = Hash("rules");
        File.WriteAllText(
            Path.Combine(inputs.Directory, "summary.json"),
            $"{{\"config_sha256\":\"{config}\",\"config_source\":\"file\",\"effective_config_sha256\":\"e\",\"rules_sha256\":\"{rules}\",\"generator\":{{\"seed\":77}}}}");

        var request = ReportSources.Resolve(inputs.Directory, null, null, null, null, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), "v");
        var manifest = Manifest(ReportBuilder.Build(request));

        Assert.Equal(inputs.IncidentsFile, request.IncidentsFile);
        Assert.Equal((config, rules, "77"), (manifest.GetProperty("config_sha256").GetString(), manifest.GetProperty("rules_sha256").GetString(), manifest.GetProperty("generator_seed").GetString()));
        var run = Assert.Single(manifest.GetProperty("runs").EnumerateArray());
        Assert.Equal(("summary.json", "file"), (run.GetProperty("name").GetString(), run.GetProperty("config_source").GetString()));
    }

    [Fact]
    public void Build_RunFilesDisagree_MixedAndEachRunListed()
    {
        using var inputs = new ReportInputs();
        var first = Path.Combine(inputs.Directory, "run-2026-11-25.json");
        var second = Path.Combine(inputs.Directory, "run-2026-11-26.json");
        File.WriteAllText(first, "{\"config_sha256\":\"aa\",\"config_source\":\"worker\",\"rules_sha256\":null}");
        File.WriteAllText(second, "{\"config_sha256\":\"bb\",\"config_source\":\"worker\",\"rules_sha256\":null}");

        var manifest = Manifest(ReportBuilder.Build(inputs.Request() with { RunFiles = [second, first] }));

        Assert.Equal("mixed", manifest.GetProperty("config_sha256").GetString());
        Assert.Equal("none", manifest.GetProperty("rules_sha256").GetString());
        Assert.Equal(["aa", "bb"], manifest.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("config_sha256").GetString()));
    }

    private static JsonElement Manifest(RevalidationReport report)
    {
        using var document = JsonDocument.Parse(ReportJson.Write(report));
        return document.RootElement.GetProperty("manifest").Clone();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
