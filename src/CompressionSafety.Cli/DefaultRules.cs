namespace CompressionSafety.Cli;

/// <summary>
/// Where <c>demo</c> finds alert rules when <c>--rules</c> is not given: <c>alert-rules/</c> in the current folder (a
/// user's own rules win), else the repository's default rules, which the build copies beside the executable as
/// <c>default-alert-rules/</c>, so the demo raises incidents from whatever folder it is started in.
/// </summary>
internal static class DefaultRules
{
    /// <summary>The rules folder to use, or null when neither place has one.</summary>
    public static DirectoryInfo? Locate(string currentDirectory)
    {
        foreach (var candidate in new[] { Path.Combine(currentDirectory, "alert-rules"), Path.Combine(AppContext.BaseDirectory, "default-alert-rules") })
        {
            if (Directory.Exists(candidate))
            {
                return new DirectoryInfo(candidate);
            }
        }

        return null;
    }
}
