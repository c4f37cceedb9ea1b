namespace CompressionSafety.Evaluation.Running;

/// <summary>A case predicted differently by two runs of the same variant.</summary>
/// <param name="Id">Case id.</param>
/// <param name="Predicted">This run's label.</param>
/// <param name="OtherPredicted">The other run's label.</param>
public sealed record CaseDifference(string Id, string Predicted, string OtherPredicted);
