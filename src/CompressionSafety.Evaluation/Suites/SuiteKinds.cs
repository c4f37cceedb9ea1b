namespace CompressionSafety.Evaluation.Suites;

/// <summary>The three kinds of input every case is tagged with exactly one of.</summary>
public static class SuiteKinds
{
    /// <summary>Ordinary traffic.</summary>
    public const string Routine = "routine";

    /// <summary>Close to a decision boundary.</summary>
    public const string EdgeCase = "edge-case";

    /// <summary>Crafted or out-of-distribution input.</summary>
    public const string Adversarial = "adversarial";

    /// <summary>All kinds.</summary>
    public static IReadOnlyList<string> All { get; } = [Routine, EdgeCase, Adversarial];
}
