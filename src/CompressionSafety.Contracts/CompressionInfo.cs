namespace CompressionSafety.Contracts;

/// <summary>Free metadata about how a variant was compressed (all optional).</summary>
/// <param name="Method"><c>quantization</c>, <c>pruning</c>, <c>distillation</c>, <c>low-rank</c> or <c>other</c>.</param>
/// <param name="Bits">Bit width of a quantized variant.</param>
/// <param name="Sparsity">Fraction of weights removed by pruning, in [0, 1].</param>
public sealed record CompressionInfo(string? Method, int? Bits, double? Sparsity);
