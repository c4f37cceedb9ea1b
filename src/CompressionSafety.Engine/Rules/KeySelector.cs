using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>
/// Which keys a rule judges: one glob list per part. A pattern starting with <c>!</c> excludes; a key matches a part
/// when no exclusion matches and (there are no inclusions or one inclusion matches).
/// </summary>
/// <param name="Models">Model patterns.</param>
/// <param name="Variants">Variant patterns.</param>
/// <param name="Slices">Slice patterns.</param>
public sealed record KeySelector(IReadOnlyList<string> Models, IReadOnlyList<string> Variants, IReadOnlyList<string> Slices)
{
    /// <summary>Every key.</summary>
    public static KeySelector All { get; } = new([], [], []);

    /// <summary>True when <paramref name="key"/> is selected.</summary>
    public bool Matches(WindowKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return MatchesPart(Models, key.Model) && MatchesPart(Variants, key.Variant) && MatchesPart(Slices, key.Slice);
    }

    /// <summary>True when <paramref name="value"/> satisfies the include/exclude patterns.</summary>
    public static bool MatchesPart(IReadOnlyList<string> patterns, string value)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var hasInclude = false;
        var included = false;
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                if (Glob.IsMatch(pattern.AsSpan(1), value))
                {
                    return false;
                }
            }
            else
            {
                hasInclude = true;
                included |= Glob.IsMatch(pattern, value);
            }
        }

        return !hasInclude || included;
    }
}
