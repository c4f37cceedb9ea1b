using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.OnnxRuntime;

namespace CompressionSafety.Evaluation.Hosts;

/// <summary>Reads <see cref="HostInfo"/> from <c>/proc/cpuinfo</c> (Linux) or the runtime's intrinsics checks.</summary>
public static class HostProbe
{
    /// <summary>The execution provider every session uses.</summary>
    public const string CpuExecutionProvider = "CPUExecutionProvider";

    /// <summary>The features reported, by their Linux <c>/proc/cpuinfo</c> names; others are left out as noise.</summary>
    public static readonly IReadOnlyList<string> RelevantFeatures =
    [
        "sse4_1", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "avx512_fp16",
        "avx_vnni", "avx_vnni_int8", "amx_tile", "amx_int8", "amx_bf16", "asimd", "asimddp", "i8mm", "sve", "sve2", "bf16",
    ];

    /// <summary>Describes this machine.</summary>
    /// <param name="intraOpNumThreads">ONNX Runtime intra-op threads the run uses.</param>
    /// <param name="interOpNumThreads">ONNX Runtime inter-op threads the run uses.</param>
    /// <returns>The host.</returns>
    public static HostInfo Detect(int intraOpNumThreads = 1, int interOpNumThreads = 1)
    {
        var (model, features) = ReadCpuInfo();
        return new HostInfo(
            model ?? "unknown",
            RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            features ?? FromIntrinsics(),
            OrtEnv.Instance().GetVersionString(),
            CpuExecutionProvider,
            intraOpNumThreads,
            interOpNumThreads);
    }

    /// <summary>The model name and relevant features of the first processor in <c>/proc/cpuinfo</c> text.</summary>
    /// <param name="cpuInfo">The file's text.</param>
    /// <returns>Null parts where the text has no such line.</returns>
    public static (string? Model, IReadOnlyList<string>? Features) ParseCpuInfo(string cpuInfo)
    {
        ArgumentNullException.ThrowIfNull(cpuInfo);
        string? model = null;
        IReadOnlyList<string>? features = null;
        foreach (var line in cpuInfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();

            // x86 says "model name"; Arm kernels say "Hardware" or nothing, and "Features" instead of "flags".
            if (model is null && (key == "model name" || key == "Hardware") && value.Length > 0)
            {
                model = value;
            }
            else if (features is null && (key == "flags" || key == "Features"))
            {
                var present = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                features = RelevantFeatures.Where(present.Contains).Order(StringComparer.Ordinal).ToList();
            }
        }

        return (model, features);
    }

    private static (string? Model, IReadOnlyList<string>? Features) ReadCpuInfo()
    {
        const string path = "/proc/cpuinfo";
        try
        {
            return File.Exists(path) ? ParseCpuInfo(File.ReadAllText(path)) : (null, null);
        }
        catch (IOException)
        {
            // Unreadable in some sandboxes: fall back to what the runtime can test itself.
            return (null, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    private static List<string> FromIntrinsics()
    {
        var checks = new (bool Supported, string Name)[]
        {
            (Sse41.IsSupported, "sse4_1"), (Avx.IsSupported, "avx"), (Avx2.IsSupported, "avx2"), (Fma.IsSupported, "fma"),
            (Avx512F.IsSupported, "avx512f"), (Avx512BW.IsSupported, "avx512bw"), (AvxVnni.IsSupported, "avx_vnni"),
            (AvxVnniInt8.IsSupported, "avx_vnni_int8"), (AdvSimd.IsSupported, "asimd"), (Dp.IsSupported, "asimddp"),
        };
        return checks.Where(c => c.Supported).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
    }
}
