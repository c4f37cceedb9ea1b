using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation;

/// <summary>A generated prediction with its latent truth.</summary>
internal readonly record struct GeneratedEvent(PredictionRecord Record, string TrueLabel);
