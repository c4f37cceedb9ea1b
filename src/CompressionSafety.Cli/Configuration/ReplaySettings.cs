using CompressionSafety.Contracts;
using CompressionSafety.Engine;

namespace CompressionSafety.Cli.Configuration;

/// <summary>Everything a replay is configured with: engine settings and parser limits.</summary>
/// <param name="Engine">Window engine settings.</param>
/// <param name="Parser">Record parser limits.</param>
/// <param name="SourceText">The configuration file's text (empty for defaults), hashed into outputs for reproducibility.</param>
public sealed record ReplaySettings(EngineOptions Engine, ParserOptions Parser, string SourceText)
{
    /// <summary>The defaults, when no configuration file is given.</summary>
    public static ReplaySettings Default() => new(new EngineOptions(), new ParserOptions(), string.Empty);

    /// <summary>Lower-case hex SHA-256 of the settings file's bytes; null when the defaults are used.</summary>
    public string? ConfigFileSha256 { get; init; }
}
