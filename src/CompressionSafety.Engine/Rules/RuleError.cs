namespace CompressionSafety.Engine.Rules;

/// <summary>One problem in a rule file.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">1-based line of the offending node (0 when the whole file is at fault).</param>
/// <param name="RuleId">The rule's id when known.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RuleError(string File, int Line, string? RuleId, string Message)
{
    /// <summary><c>file:line: rule 'id': message</c>, the form <c>rules validate</c> prints.</summary>
    public override string ToString() =>
        RuleId is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: rule '{RuleId}': {Message}";
}
