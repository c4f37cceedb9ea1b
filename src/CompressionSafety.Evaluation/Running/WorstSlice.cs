namespace CompressionSafety.Evaluation.Running;

/// <summary>The slice where the variant lost the most accuracy against the baseline.</summary>
/// <param name="Slice">The slice.</param>
/// <param name="Cases">Cases in it.</param>
/// <param name="BaselineAccuracy">Baseline accuracy there.</param>
/// <param name="VariantAccuracy">Variant accuracy there.</param>
/// <param name="Drop">Baseline minus variant accuracy.</param>
/// <param name="DropLow">Lower end of the Newcombe 95% interval of the drop.</param>
/// <param name="DropHigh">Upper end of that interval.</param>
public sealed record WorstSlice(string Slice, long Cases, double BaselineAccuracy, double VariantAccuracy, double Drop, double DropLow, double DropHigh);
