using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Worker.Evaluation;

/// <summary>Scheduled baseline re-evaluation (configuration section <c>Evaluation</c>).</summary>
public sealed class EvaluationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Evaluation";

    /// <summary>The model registry file.</summary>
    [Required]
    public string RegistryPath { get; set; } = string.Empty;

    /// <summary>The safety suite file.</summary>
    [Required]
    public string SuitePath { get; set; } = string.Empty;

    /// <summary>Folder that receives <c>evaluation.json</c> and <c>snapshot.json</c>.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Time between the end of one pass and the start of the next.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Run once as soon as the worker starts, then every <see cref="Interval"/>.</summary>
    public bool RunAtStartup { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads; 1 leaves the cores to the stream processing.</summary>
    [Range(1, 64)]
    public int IntraOpNumThreads { get; set; } = 1;

    /// <summary>Rows per ONNX Runtime call.</summary>
    [Range(1, 65536)]
    public int BatchSize { get; set; } = 256;
}
