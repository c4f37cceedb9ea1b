using System.Globalization;

namespace CompressionSafety.Evaluation.Hosts;

/// <summary>
/// The machine a re-evaluation ran on: what decides whether two runs of the same file can disagree. Quantized
/// kernels differ by instruction set (for example u8s8 int8 products saturate on AVX2 / AVX-512 without VNNI),
/// so the CPU's relevant features travel with every result.
/// </summary>
/// <param name="CpuModel">CPU model name (<c>/proc/cpuinfo</c> "model name"), or "unknown".</param>
/// <param name="Architecture">Process architecture, for example <c>X64</c> or <c>Arm64</c>.</param>
/// <param name="LogicalCores">Logical processors visible to the process.</param>
/// <param name="OperatingSystem">Operating system description.</param>
/// <param name="IsaFeatures">The instruction-set features that change quantized kernels, Linux names, sorted.</param>
/// <param name="OnnxRuntimeVersion">The native ONNX Runtime version.</param>
/// <param name="ExecutionProvider">The execution provider the sessions used.</param>
/// <param name="IntraOpNumThreads">ONNX Runtime intra-op threads.</param>
/// <param name="InterOpNumThreads">ONNX Runtime inter-op threads.</param>
public sealed record HostInfo(
    string CpuModel,
    string Architecture,
    int LogicalCores,
    string OperatingSystem,
    IReadOnlyList<string> IsaFeatures,
    string OnnxRuntimeVersion,
    string ExecutionProvider,
    int IntraOpNumThreads,
    int InterOpNumThreads)
{
    /// <summary>
    /// True when ONNX Runtime's u8s8 integer kernels on this host multiply with <c>VPMADDUBSW</c>, whose int16 pair
    /// sums saturate for full-range (8-bit) weights: x86-64 with AVX2 or AVX-512BW and neither AVX-VNNI,
    /// AVX-512 VNNI nor AMX-INT8. Elsewhere (VNNI, SSE-only x86, Arm) the products are exact.
    /// </summary>
    public bool U8S8MaySaturate =>
        Architecture is "X64" or "X86"
        && (Has("avx2") || Has("avx512bw"))
        && !Has("avx_vnni") && !Has("avx512_vnni") && !Has("amx_int8");

    /// <summary>The host as flat text properties (snake_case keys), for files that do not know this type.</summary>
    /// <returns>cpu_model, architecture, logical_cores, operating_system, isa_features (space-separated), onnx_runtime_version, execution_provider, intra_op_num_threads, inter_op_num_threads, u8s8_may_saturate.</returns>
    public IReadOnlyDictionary<string, string> ToProperties() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["cpu_model"] = CpuModel,
        ["architecture"] = Architecture,
        ["logical_cores"] = LogicalCores.ToString(CultureInfo.InvariantCulture),
        ["operating_system"] = OperatingSystem,
        ["isa_features"] = string.Join(' ', IsaFeatures),
        ["onnx_runtime_version"] = OnnxRuntimeVersion,
        ["execution_provider"] = ExecutionProvider,
        ["intra_op_num_threads"] = IntraOpNumThreads.ToString(CultureInfo.InvariantCulture),
        ["inter_op_num_threads"] = InterOpNumThreads.ToString(CultureInfo.InvariantCulture),
        ["u8s8_may_saturate"] = U8S8MaySaturate ? "true" : "false",
    };

    private bool Has(string feature) => IsaFeatures.Contains(feature, StringComparer.Ordinal);
}
