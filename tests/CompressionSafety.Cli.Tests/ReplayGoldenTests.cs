using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CompressionSafety.Cli.Tests;

/// <summary>
/// Guards every speed-up of the parser, the engine and the outputs (issue 15): a fixed seeded stream with several
/// degradations, a labels file and invalid, duplicate and late lines, replayed with the default rules, must give
/// byte for byte the outputs recorded in <c>Golden/replay.golden</c> by the code before the optimisations.
/// </summary>
/// <remarks>
/// An intended change of an output regenerates the file: <c>tests/CompressionSafety.Cli.Tests/Golden/regenerate.sh</c>
/// (it runs this test with <c>CS_GOLDEN_UPDATE=1</c>); say in the commit why the bytes changed.
/// </remarks>
public class ReplayGoldenTests
{
    private static readonly string[] Files = ["windows.jsonl", "metrics.lp", "incidents.jsonl", "review.jsonl", "dead-letter.jsonl"];

    // Fields of summary.json that depend on the machine, the build or the folder, not on the computation.
    private static readonly string[] Volatile = ["tool_version", "input", "labels", "snapshot", "elapsed_seconds", "records_per_second", "generator"];

    [Fact]
    public async Task Replay_SeededStreamWithDefaultRules_OutputsAreByteIdenticalToTheGoldenFile()
    {
        using var dir = new TempDirectory();
        var (exit, _, error) = await CliRunner.RunAsync(
            "generate", "--out", dir.File("in.jsonl"), "--labels-out", dir.File("labels.jsonl"), "--records", "40000", "--seed", "15",
            "--duration", "3h", "--assistant-model", "chat-assistant", "--delayed-label-rate", "0.6",
            "--invalid-rate", "0.004", "--duplicate-rate", "0.004", "--late-rate", "0.002",
            "--degrade", "variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=45m,size=0.5",
            "--degrade", "variant=pruned-50,kind=latency,start=1h,size=1.5",
            "--degrade", "variant=distilled-small,kind=calibration,start=90m,size=0.6",
            "--degrade", "kind=input-drift,start=2h,size=1.5",
            "--degrade", "variant=int8-dynamic,kind=refusal,start=2h,size=0.2");
        Assert.True(exit == 0, error);

        (exit, _, error) = await CliRunner.RunAsync(
            "replay", "--input", dir.File("in.jsonl"), "--labels", dir.File("labels.jsonl"), "--rules", RepoPaths.DefaultRules, "--out", dir.File("out"));
        Assert.True(exit == 0, error);

        var actual = Digest(dir.File("out"), dir.Path);
        var golden = Path.Combine(RepoPaths.Root, "tests", "CompressionSafety.Cli.Tests", "Golden", "replay.golden");
        if (Environment.GetEnvironmentVariable("CS_GOLDEN_UPDATE") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.Equal(File.ReadAllText(golden), actual);
    }

    /// <summary>Size, line count and SHA-256 of each output file (the temporary folder's path replaced), then the summary's counts.</summary>
    private static string Digest(string outDir, string tempDir)
    {
        var text = new StringBuilder();
        text.Append("# replay outputs of ReplayGoldenTests; regenerate: tests/CompressionSafety.Cli.Tests/Golden/regenerate.sh\n");
        foreach (var name in Files)
        {
            var path = Path.Combine(outDir, name);
            var bytes = File.Exists(path) ? Encoding.UTF8.GetBytes(File.ReadAllText(path).Replace(tempDir, "$DIR", StringComparison.Ordinal)) : [];
            var lines = bytes.Count(b => b == (byte)'\n');
            text.Append(name).Append(' ').Append(bytes.Length).Append(" bytes ").Append(lines).Append(" lines sha256 ")
                .Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append('\n');
        }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!.AsObject();
        foreach (var name in Volatile)
        {
            summary.Remove(name);
        }

        foreach (var (name, value) in summary)
        {
            text.Append("summary ").Append(name).Append(' ').Append(value?.ToJsonString() ?? "null").Append('\n');
        }

        return text.ToString();
    }
}
