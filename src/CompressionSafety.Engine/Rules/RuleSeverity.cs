namespace CompressionSafety.Engine.Rules;

/// <summary>How urgent an incident is; a <see cref="Critical"/> incident inhibits lower severities on the same key.</summary>
public enum RuleSeverity
{
    /// <summary>For information; nothing to do now.</summary>
    Info,

    /// <summary>Someone should look.</summary>
    Warning,

    /// <summary>A safety regression that needs action.</summary>
    Critical,
}
