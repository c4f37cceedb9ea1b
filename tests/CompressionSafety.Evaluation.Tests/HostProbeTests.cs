using CompressionSafety.Evaluation.Hosts;

namespace CompressionSafety.Evaluation.Tests;

public sealed class HostProbeTests
{
    private const string EpycAvx2 = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC 7B13
        flags		: fpu sse sse4_1 sse4_2 avx avx2 fma f16c bmi2

        processor	: 1
        model name	: AMD EPYC 7B13
        flags		: fpu sse sse4_1 sse4_2 avx avx2 fma f16c bmi2
        """;

    [Fact]
    public void ParseCpuInfo_X86_ReadsModelAndRelevantFlagsOnly()
    {
        var (model, features) = HostProbe.ParseCpuInfo(EpycAvx2);

        Assert.Equal("AMD EPYC 7B13", model);
        Assert.Equal(["avx", "avx2", "f16c", "fma", "sse4_1"], features);
    }

    [Fact]
    public void ParseCpuInfo_Arm_ReadsFeaturesLine()
    {
        var (model, features) = HostProbe.ParseCpuInfo("processor\t: 0\nFeatures\t: fp asimd evtstrm aes asimddp sve i8mm\nCPU part\t: 0xd40\n");

        Assert.Null(model);
        Assert.Equal(["asimd", "asimddp", "i8mm", "sve"], features);
    }

    [Theory]
    [InlineData("X64", "avx avx2", true)]
    [InlineData("X64", "avx avx2 avx512f avx512bw", true)]
    [InlineData("X64", "avx avx2 avx_vnni", false)]
    [InlineData("X64", "avx2 avx512f avx512bw avx512_vnni", false)]
    [InlineData("X64", "avx2 avx512bw avx512_vnni amx_tile amx_int8", false)]
    [InlineData("X64", "sse4_1", false)]
    [InlineData("Arm64", "asimd asimddp", false)]
    public void U8S8MaySaturate_ByInstructionSet_OnlyAvx2OrAvx512WithoutVnni(string architecture, string features, bool expected)
    {
        var host = new HostInfo("cpu", architecture, 2, "linux", features.Split(' '), "1.0", HostProbe.CpuExecutionProvider, 1, 1);

        Assert.Equal(expected, host.U8S8MaySaturate);
    }

    [Fact]
    public void Detect_ThisMachine_NamesOnnxRuntimeAndThreads()
    {
        var host = HostProbe.Detect(intraOpNumThreads: 3);

        Assert.Matches(@"^\d+\.\d+\.\d+", host.OnnxRuntimeVersion);
        Assert.Equal((3, 1, "CPUExecutionProvider"), (host.IntraOpNumThreads, host.InterOpNumThreads, host.ExecutionProvider));
        Assert.True(host.LogicalCores >= 1);
        Assert.NotEmpty(host.CpuModel);
    }
}
