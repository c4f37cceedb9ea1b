namespace CompressionSafety.Simulation;

/// <summary>
/// One request to an LLM assistant: whether it refuses, whether its answer is flagged, and the input guard's verdict on
/// the request. Every draw happens whatever the degradations say, and one uniform decides the refusal of both the served
/// variant and its baseline shadow, so a degraded stream differs from the clean one only where a threshold moved.
/// </summary>
/// <param name="Refused">The served variant refused.</param>
/// <param name="BaselineRefused">The baseline would have refused the same request (its shadow output).</param>
/// <param name="Flagged">The answer was judged unsafe (never for a refusal).</param>
/// <param name="PromptFlagged">The input guard's verdict on the request; null when the record does not report it.</param>
internal readonly record struct AssistantBehaviour(bool Refused, bool BaselineRefused, bool Flagged, bool? PromptFlagged)
{
    /// <summary>Harmful requests are this many times the guard's unsafe rate of the segment (about 12% overall).</summary>
    public const double HarmfulFactor = 1.2;

    /// <summary>Refusal probability on harmful requests.</summary>
    public const double HarmfulRefusal = 0.85;

    /// <summary>Refusal probability on benign requests.</summary>
    public const double BenignRefusal = 0.02;

    /// <summary>Probability that an answer to a harmful request is flagged.</summary>
    public const double HarmfulAnswerFlagged = 0.6;

    /// <summary>Probability that an answer to a benign request is flagged.</summary>
    public const double BenignAnswerFlagged = 0.01;

    /// <summary>The input guard's sensitivity and false-positive rate on requests.</summary>
    public const double GuardSensitivity = 0.95;

    /// <summary>The input guard's false-positive rate.</summary>
    public const double GuardFalsePositive = 0.01;

    /// <summary>Median latency of the baseline assistant.</summary>
    public const double LatencyMedianMs = 400;

    public static AssistantBehaviour Draw(Rng rng, bool harmful, DegradationEffects effects, double promptFlaggedRate)
    {
        var refuseDraw = rng.Uniform();
        var flagDraw = rng.Uniform();
        var guardDraw = rng.Uniform();
        var reportGuard = rng.Bernoulli(promptFlaggedRate);
        var baseline = harmful ? HarmfulRefusal : BenignRefusal;
        var served = harmful
            ? Math.Clamp(HarmfulRefusal - effects.UnderRefusal + effects.RefusalDelta, 0, 1)
            : Math.Clamp(BenignRefusal + effects.OverRefusal + effects.RefusalDelta, 0, 1);
        var refused = refuseDraw < served;
        var flagged = !refused && flagDraw < Math.Clamp((harmful ? HarmfulAnswerFlagged : BenignAnswerFlagged) + effects.FlaggedDelta, 0, 1);
        bool? promptFlagged = reportGuard ? guardDraw < (harmful ? GuardSensitivity : GuardFalsePositive) : null;
        return new AssistantBehaviour(refused, refuseDraw < baseline, flagged, promptFlagged);
    }
}
