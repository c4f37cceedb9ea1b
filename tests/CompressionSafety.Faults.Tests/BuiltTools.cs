using CompressionSafety.Testing;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// Where the command-line tool and the mock broker were built: their own output folders, in the same configuration as
/// this test assembly (they are run as processes with <c>dotnet</c>, each with its own runtimeconfig and native files).
/// </summary>
internal static class BuiltTools
{
    /// <summary><c>bin/Debug/net10.0/linux-x64</c> or whatever this assembly was built into.</summary>
    private static readonly string OutputFolder = Path.GetRelativePath(
        RepositoryRoot.Combine("tests", "CompressionSafety.Faults.Tests"), AppContext.BaseDirectory);

    public static string Cli { get; } = Find(RepositoryRoot.Combine("src", "CompressionSafety.Cli", OutputFolder, "compression-safety.dll"));

    public static string MockBroker { get; } = Find(RepositoryRoot.Combine("tests", "CompressionSafety.MockBroker", OutputFolder, "CompressionSafety.MockBroker.dll"));

    /// <summary>The dotnet host running the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Find(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} not built: build CompressionSafety.sln (or this test project) first.", path);
}
