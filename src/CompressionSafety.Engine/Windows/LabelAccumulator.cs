using CompressionSafety.Statistics.State;
using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>Statistics of one key in one window that need ground truth, in fixed memory.</summary>
internal sealed class LabelAccumulator(EngineOptions options, string positiveLabel) : IStateful
{
    public long Labelled { get; private set; }
    public long Correct { get; private set; }
    public long Positives { get; private set; }
    public long Missed { get; private set; }
    public long Negatives { get; private set; }
    public long FalseFlags { get; private set; }
    public CalibrationAccumulator Calibration { get; } = new(options.CalibrationBins);
    public long Paired { get; private set; }
    public long ShadowRightVariantWrong { get; private set; }
    public long VariantRightShadowWrong { get; private set; }
    public long ShadowCorrect { get; private set; }
    public long VariantCorrectPaired { get; private set; }

    public EventTimeRange Times { get; } = new();

    public void Add(in LabelledPrediction prediction, string trueLabel)
    {
        Labelled++;
        Times.Add(prediction.EventTicks);
        var correct = string.Equals(prediction.PredictedLabel, trueLabel, StringComparison.Ordinal);
        Correct += correct ? 1 : 0;
        var truePositive = string.Equals(trueLabel, positiveLabel, StringComparison.Ordinal);
        var predictedPositive = string.Equals(prediction.PredictedLabel, positiveLabel, StringComparison.Ordinal);
        if (truePositive)
        {
            Positives++;
            Missed += predictedPositive ? 0 : 1;
        }
        else
        {
            Negatives++;
            FalseFlags += predictedPositive ? 1 : 0;
        }

        if (!double.IsNaN(prediction.PositiveProbability))
        {
            Calibration.Add(prediction.PositiveProbability, truePositive);
        }

        if (prediction.ShadowLabel is { } shadowLabel)
        {
            Paired++;
            var shadowCorrect = string.Equals(shadowLabel, trueLabel, StringComparison.Ordinal);
            ShadowCorrect += shadowCorrect ? 1 : 0;
            VariantCorrectPaired += correct ? 1 : 0;
            ShadowRightVariantWrong += shadowCorrect && !correct ? 1 : 0;
            VariantRightShadowWrong += correct && !shadowCorrect ? 1 : 0;
        }
    }

    public void WriteMetrics(MetricWriter metrics)
    {
        metrics.Set("labelled_count", Labelled);
        metrics.Rate("accuracy", Correct, Labelled);
        metrics.Set("positive_count", Positives);
        metrics.Rate("unsafe_miss_rate", Missed, Positives);
        metrics.Set("negative_count", Negatives);
        metrics.Rate("false_flag_rate", FalseFlags, Negatives);
        metrics.Set("calibration_count", Calibration.Count);
        if (Calibration.Count > 0)
        {
            metrics.Set("brier", Calibration.Brier);
            metrics.Set("ece", Calibration.Ece);
        }
    }

    public void WriteShadowComparison(MetricWriter values, DiscordanceCusum discordance)
    {
        if (Paired == 0)
        {
            return;
        }

        values.Set("mcnemar_cusum", discordance.Update(ShadowRightVariantWrong, VariantRightShadowWrong));

        var test = McNemar.Test(ShadowRightVariantWrong, VariantRightShadowWrong);
        values.Set("paired_count", Paired);
        values.Set("mcnemar_b", ShadowRightVariantWrong);
        values.Set("mcnemar_c", VariantRightShadowWrong);
        values.Set("mcnemar_discordant", ShadowRightVariantWrong + VariantRightShadowWrong);
        values.Set("mcnemar_p_exact", test.PValueExact);
        values.Set("accuracy_diff", ((double)VariantCorrectPaired - ShadowCorrect) / Paired);
    }

    public void WriteState(StateWriter writer)
    {
        writer.Write(Labelled);
        writer.Write(Correct);
        writer.Write(Positives);
        writer.Write(Missed);
        writer.Write(Negatives);
        writer.Write(FalseFlags);
        Calibration.WriteState(writer);
        writer.Write(Paired);
        writer.Write(ShadowRightVariantWrong);
        writer.Write(VariantRightShadowWrong);
        writer.Write(ShadowCorrect);
        writer.Write(VariantCorrectPaired);
        Times.WriteState(writer);
    }

    public void ReadState(StateReader reader)
    {
        Labelled = reader.ReadInt64();
        Correct = reader.ReadInt64();
        Positives = reader.ReadInt64();
        Missed = reader.ReadInt64();
        Negatives = reader.ReadInt64();
        FalseFlags = reader.ReadInt64();
        Calibration.ReadState(reader);
        Paired = reader.ReadInt64();
        ShadowRightVariantWrong = reader.ReadInt64();
        VariantRightShadowWrong = reader.ReadInt64();
        ShadowCorrect = reader.ReadInt64();
        VariantCorrectPaired = reader.ReadInt64();
        Times.ReadState(reader);
    }
}
