using System.Globalization;
using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation;

/// <summary>A compressed variant served alongside the baseline.</summary>
/// <param name="Name">The variant name written in records, for example <c>int8-dynamic</c>.</param>
/// <param name="Compression">Metadata written in records.</param>
/// <param name="LogitNoise">Standard deviation of the extra noise added to the baseline's logit: how far the variant is from the baseline on a clean stream.</param>
/// <param name="LatencyFactor">Median latency relative to the baseline's.</param>
public sealed record VariantSpec(string Name, CompressionInfo? Compression, double LogitNoise, double LatencyFactor)
{
    /// <summary>The default compressed variants: int8 quantization, 50% pruning and a distilled student.</summary>
    public static IReadOnlyList<VariantSpec> Defaults { get; } =
    [
        Parse("int8-dynamic:quantization:8"),
        Parse("pruned-50:pruning:0.5"),
        Parse("distilled-small:distillation"),
    ];

    /// <summary>
    /// Parses <c>name[:method[:parameter]]</c>: method is <c>quantization</c> (parameter = bits), <c>pruning</c>
    /// (parameter = sparsity), <c>distillation</c>, <c>low-rank</c> or <c>other</c>.
    /// </summary>
    /// <exception cref="FormatException">The text names the part that is wrong.</exception>
    public static VariantSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        var name = parts[0].Trim();
        if (name.Length is 0 or > 128 || parts.Length > 3)
        {
            throw new FormatException($"variant '{text}': expected name[:method[:parameter]] with a name of 1..128 characters.");
        }

        var method = parts.Length > 1 ? parts[1].Trim() : "other";
        var parameter = parts.Length > 2 ? parts[2].Trim() : null;
        return method switch
        {
            "quantization" => new VariantSpec(name, new CompressionInfo(method, ParseBits(text, parameter), null), 0.05, 0.55),
            "pruning" => new VariantSpec(name, new CompressionInfo(method, null, ParseSparsity(text, parameter)), 0.08, 0.75),
            "distillation" => new VariantSpec(name, new CompressionInfo(method, null, null), 0.12, 0.4),
            "low-rank" or "other" => new VariantSpec(name, new CompressionInfo(method, null, null), 0.1, 0.8),
            _ => throw new FormatException(
                $"variant '{text}': method '{method}' is not one of quantization, pruning, distillation, low-rank, other."),
        };
    }

    private static int? ParseBits(string text, string? parameter)
    {
        if (parameter is null)
        {
            return null;
        }

        return int.TryParse(parameter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bits) && bits is > 0 and <= 64
            ? bits
            : throw new FormatException($"variant '{text}': bits '{parameter}' is not an integer in 1..64.");
    }

    private static double? ParseSparsity(string text, string? parameter)
    {
        if (parameter is null)
        {
            return null;
        }

        return double.TryParse(parameter, NumberStyles.Float, CultureInfo.InvariantCulture, out var sparsity) && sparsity is >= 0 and <= 1
            ? sparsity
            : throw new FormatException($"variant '{text}': sparsity '{parameter}' is not a number in [0, 1].");
    }
}
