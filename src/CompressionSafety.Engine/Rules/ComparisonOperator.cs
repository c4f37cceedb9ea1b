namespace CompressionSafety.Engine.Rules;

/// <summary>How a metric value is compared with a rule's threshold (YAML: <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>).</summary>
public enum ComparisonOperator
{
    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
}
