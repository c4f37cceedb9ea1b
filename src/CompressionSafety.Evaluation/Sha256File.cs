using System.Security.Cryptography;

namespace CompressionSafety.Evaluation;

/// <summary>SHA-256 of a file as lowercase hex: the identity (version) of a model or suite file.</summary>
public static class Sha256File
{
    /// <summary>Hashes a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Lowercase hex digest.</returns>
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
