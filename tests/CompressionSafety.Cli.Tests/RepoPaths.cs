namespace CompressionSafety.Cli.Tests;

/// <summary>Locates files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The shipped default rule set, <c>alert-rules/</c> at the repository root.</summary>
    public static string DefaultRules
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "alert-rules");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "CompressionSafety.sln")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("alert-rules/ not found above " + AppContext.BaseDirectory);
        }
    }
}
