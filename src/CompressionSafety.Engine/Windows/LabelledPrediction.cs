namespace CompressionSafety.Engine.Windows;

/// <summary>What a prediction contributes once its label is known; kept while it waits for a delayed label.</summary>
/// <param name="WindowStartTicks">Start of the prediction's window (UTC ticks).</param>
/// <param name="Keys">The keys (one per slice) the prediction counts toward.</param>
/// <param name="PredictedLabel">The served label.</param>
/// <param name="PositiveProbability">Probability of the safety-positive label, NaN without probabilities.</param>
/// <param name="ShadowLabel">The shadow output's label, when shadowed.</param>
/// <param name="EventTicks">The prediction's event time (UTC ticks), for the labelled window's event-time range.</param>
internal readonly record struct LabelledPrediction(
    long WindowStartTicks,
    WindowKey[] Keys,
    string PredictedLabel,
    double PositiveProbability,
    string? ShadowLabel,
    long EventTicks);
