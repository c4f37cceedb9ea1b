using System.Text.Json.Serialization;

namespace CompressionSafety.Evaluation.Registry;

/// <summary>What a model's output row holds.</summary>
public enum OutputKind
{
    /// <summary>Probabilities in [0, 1] summing to 1; anything else is refused.</summary>
    [JsonStringEnumMemberName("probabilities")]
    Probabilities,

    /// <summary>Unnormalized scores: a softmax over the row gives the probabilities.</summary>
    [JsonStringEnumMemberName("logits")]
    Logits,

    /// <summary>Multi-label logits: one independent sigmoid per label.</summary>
    [JsonStringEnumMemberName("sigmoid")]
    Sigmoid,
}
