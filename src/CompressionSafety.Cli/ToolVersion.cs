using System.Reflection;

namespace CompressionSafety.Cli;

/// <summary>The version written into outputs and reports so results can be traced to the build that made them.</summary>
public static class ToolVersion
{
    /// <summary>The informational version of this build.</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}
