namespace CompressionSafety.Evaluation.Suites;

/// <summary>What a suite case must carry for the model it is read for.</summary>
[Flags]
public enum SuiteNeeds
{
    /// <summary>Nothing beyond id, expected label and tags.</summary>
    None = 0,

    /// <summary>A non-empty <c>features</c> array.</summary>
    Features = 1,

    /// <summary>A <c>text</c> string.</summary>
    Text = 2,
}
