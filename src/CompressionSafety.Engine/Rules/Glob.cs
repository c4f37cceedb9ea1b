namespace CompressionSafety.Engine.Rules;

/// <summary>Shell-style globs: <c>*</c> any run of characters, <c>?</c> one character, everything else literal.</summary>
public static class Glob
{
    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/> in full (ordinal).</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        // Iterative matcher with one backtrack point: linear for the patterns rules use, and it cannot blow up.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
