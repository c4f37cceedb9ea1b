namespace CompressionSafety.Cli.Tests;

/// <summary>Locates files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The shipped default rule set, <c>alert-rules/</c> at the repository root.</summary>
    public static string DefaultRules => Path.Combine(Root, "alert-rules");

    /// <summary>The repository root: the folder above the test's output folder with the solution and <c>alert-rules/</c>.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "alert-rules")) && File.Exists(Path.Combine(dir.FullName, "CompressionSafety.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("alert-rules/ not found above " + AppContext.BaseDirectory);
        }
    }
}
