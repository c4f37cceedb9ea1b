using System.Text.Json.Serialization;

namespace CompressionSafety.Evaluation.Registry;

/// <summary>Where an ONNX input's values come from.</summary>
public enum InputSource
{
    /// <summary>The suite case's <c>features</c> (flattened), shaped by the input's <c>shape</c>.</summary>
    [JsonStringEnumMemberName("features")]
    Features,

    /// <summary>The token ids of the case's <c>text</c>, padded to the sequence length.</summary>
    [JsonStringEnumMemberName("token_ids")]
    TokenIds,

    /// <summary>1 on real tokens, 0 on padding.</summary>
    [JsonStringEnumMemberName("attention_mask")]
    AttentionMask,

    /// <summary>All 0: one segment per case.</summary>
    [JsonStringEnumMemberName("token_type_ids")]
    TokenTypeIds,
}
