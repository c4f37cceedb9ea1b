namespace CompressionSafety.Statistics;

/// <summary>Calibration of binary probabilities against labels.</summary>
/// <param name="Count">Number of predictions.</param>
/// <param name="Ece">Expected calibration error over equal-width bins.</param>
/// <param name="Mce">Maximum calibration error over equal-width bins.</param>
/// <param name="Ace">Adaptive calibration error over equal-mass bins.</param>
/// <param name="Brier">Brier score.</param>
/// <param name="LogLoss">Log loss with probabilities clipped to [1e-15, 1 - 1e-15].</param>
/// <param name="Bins">The equal-width reliability bins, empty ones included.</param>
public sealed record CalibrationResult(
    long Count,
    double Ece,
    double Mce,
    double Ace,
    double Brier,
    double LogLoss,
    IReadOnlyList<ReliabilityBin> Bins);
