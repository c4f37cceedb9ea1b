namespace CompressionSafety.Engine.Rules;

/// <summary>A validated set of rules and silences, as <see cref="RuleLoader"/> reads it from a folder.</summary>
/// <param name="Rules">The rules, in file then document order.</param>
/// <param name="Silences">The silences.</param>
public sealed record RuleSet(IReadOnlyList<AlertRule> Rules, IReadOnlyList<Silence> Silences)
{
    /// <summary>No rules, no silences.</summary>
    public static RuleSet Empty { get; } = new([], []);
}
