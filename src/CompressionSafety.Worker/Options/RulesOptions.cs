namespace CompressionSafety.Worker.Options;

/// <summary>Alert rules of the worker (section <c>Rules</c>); format in docs/rules.md.</summary>
public sealed class RulesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Rules";

    /// <summary>Folder of rule files (<c>*.yaml</c>). Empty: no rules, no incidents.</summary>
    public string? Directory { get; set; }
}
