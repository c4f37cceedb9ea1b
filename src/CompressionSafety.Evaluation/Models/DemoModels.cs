namespace CompressionSafety.Evaluation.Models;

/// <summary>What <see cref="DemoModelBuilder.Build"/> wrote.</summary>
/// <param name="RegistryPath">The registry file.</param>
/// <param name="SuitePath">The suite file.</param>
/// <param name="Weights">The trained baseline weights.</param>
/// <param name="Variants">Every variant, baseline first.</param>
public sealed record DemoModels(string RegistryPath, string SuitePath, MlpWeights Weights, IReadOnlyList<ModelVariant> Variants);
