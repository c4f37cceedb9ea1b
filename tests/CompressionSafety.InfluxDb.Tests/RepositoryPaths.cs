namespace CompressionSafety.InfluxDb.Tests;

/// <summary>Finds files of the repository the tests run from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CompressionSafety.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CompressionSafety.sln not found above " + AppContext.BaseDirectory);
    }
}
