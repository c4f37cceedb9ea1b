using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CompressionSafety.Engine.Reproducibility;

/// <summary>
/// The SHA-256 of a rule folder: over its rule files (<c>*.yaml</c>, <c>*.yml</c>, the files <c>RuleLoader</c> reads),
/// sorted by file name (ordinal), each contributing its UTF-8 name, a zero byte, its length as 8 bytes little-endian
/// and its bytes. Renaming, editing, adding or removing a rule file changes the hash; other files do not.
/// </summary>
public static class RuleSetHash
{
    /// <summary>Hashes the rule files of <paramref name="directory"/>.</summary>
    /// <param name="directory">The rule folder.</param>
    /// <returns>Lower-case hex SHA-256.</returns>
    public static string OfDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var name in Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(IsRuleFile)
            .Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, name));
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            BinaryPrimitives.WriteInt64LittleEndian(length, bytes.LongLength);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsRuleFile(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
