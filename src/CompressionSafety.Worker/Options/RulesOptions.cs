namespace CompressionSafety.Worker.Options;

/// <summary>Alert rules of the worker (section <c>Rules</c>); format in docs/rules.md.</summary>
public sealed class RulesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Rules";

    /// <summary>Folder of rule files (<c>*.yaml</c>). Empty: no rules, no incidents.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// JSON file that keeps the silences added through the HTTP API (<c>/api/v2/silences</c>), read at start and
    /// rewritten on every change, so they survive a restart. Empty: API silences live in memory only and are lost on restart.
    /// </summary>
    public string? SilencesFile { get; set; }
}
