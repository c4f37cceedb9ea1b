using System.Text.Json;
using CompressionSafety.Engine.Snapshots;

namespace CompressionSafety.Evaluation.Running;

/// <summary>Writes a result as <c>evaluation.json</c> and <c>snapshot.json</c> into a folder.</summary>
public static class EvaluationOutput
{
    /// <summary>The result file name.</summary>
    public const string EvaluationFile = "evaluation.json";

    /// <summary>The baseline snapshot file name.</summary>
    public const string SnapshotFile = "snapshot.json";

    /// <summary>Writes both files, each through a temporary file so readers never see half a file.</summary>
    /// <param name="result">The evaluation.</param>
    /// <param name="directory">Target folder, created when missing.</param>
    public static void Write(EvaluationResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, EvaluationFile), JsonSerializer.SerializeToUtf8Bytes(result, EvaluationJson.Options));
        WriteAtomically(Path.Combine(directory, SnapshotFile), BaselineSnapshotJson.Serialize(SnapshotBuilder.Build(result)));
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
