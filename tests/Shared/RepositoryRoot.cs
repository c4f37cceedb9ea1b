namespace CompressionSafety.Testing;

/// <summary>Finds files of the repository from a test's output folder (linked into every test project).</summary>
internal static class RepositoryRoot
{
    /// <summary>The folder that holds CompressionSafety.sln.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CompressionSafety.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CompressionSafety.sln not found above " + AppContext.BaseDirectory);
    }
}
