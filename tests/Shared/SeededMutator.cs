using System.Text;

namespace CompressionSafety.Testing;

/// <summary>
/// Seeded, format-agnostic mutations of a valid input for the readers' fuzz tests: byte edits from an alphabet rich in
/// syntax and control characters, deleted, duplicated and truncated ranges, numbers replaced by extremes, deep nesting
/// and long strings. The same seed gives the same mutants on every machine, so a failure is reproducible by its index.
/// </summary>
internal static class SeededMutator
{
    private static readonly byte[] Alphabet = [.. "{}[]\":,'-_.eE+0123456789 \t\n\r#&*!|>?~\\ntfaulsr"u8, 0, 0x1B, 0x7F, 0xC3, 0xEF, 0xBB, 0xBF, 0xFF];

    private static readonly string[] Extremes =
        ["1e309", "-1", "0", "-0", "99999999999999999999999", "2147483648", "-2147483649", "NaN", "1.5", "1e-400", "0x10", "\"1\""];

    /// <summary><paramref name="count"/> mutants of <paramref name="valid"/>, deterministic in <paramref name="seed"/>.</summary>
    public static IEnumerable<byte[]> Mutants(byte[] valid, int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var bytes = new List<byte>(valid);
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits && bytes.Count > 0; e++)
            {
                Mutate(bytes, random);
            }

            yield return [.. bytes];
        }
    }

    private static void Mutate(List<byte> bytes, Random random)
    {
        var at = random.Next(bytes.Count);
        switch (random.Next(9))
        {
            case 0 or 1:
                bytes[at] = Alphabet[random.Next(Alphabet.Length)];
                break;
            case 2:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                break;
            case 3:
                var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                break;
            case 4:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 5:
                ReplaceNumber(bytes, at, random);
                break;
            case 6:
                var depth = 1 + random.Next(200);
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)));
                break;
            case 7:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('x', 1 + random.Next(100_000))));
                break;
            default:
                bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                break;
        }
    }

    /// <summary>Replaces the run of digits nearest after <paramref name="from"/> by an extreme value.</summary>
    private static void ReplaceNumber(List<byte> bytes, int from, Random random)
    {
        var start = bytes.FindIndex(from, b => b is >= (byte)'0' and <= (byte)'9');
        if (start < 0)
        {
            return;
        }

        var end = start;
        while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'e' or (byte)'-')
        {
            end++;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(Extremes[random.Next(Extremes.Length)]));
    }

    /// <summary>
    /// Runs <paramref name="read"/> on every mutant on a thread of its own with a deadline, and fails naming the
    /// mutant when it throws something other than <paramref name="expected"/>, runs past the deadline, or allocates
    /// more than <paramref name="maxAllocatedBytes"/>.
    /// </summary>
    public static async Task AssertEveryMutantDecidedAsync(
        string what, byte[] valid, int seed, int count, Action<byte[]> read, Func<Exception, bool> expected, long maxAllocatedBytes = 256L << 20)
    {
        var index = 0;
        foreach (var mutant in Mutants(valid, seed, count))
        {
            var run = Task.Run(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    read(mutant);
                }
                catch (Exception ex) when (expected(ex))
                {
                    // A clear refusal is the right answer to a broken input.
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            });
            long allocated;
            try
            {
                allocated = await run.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"{what}: mutant {index} (seed {seed}) did not finish within 30 s: {Show(mutant)}");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{what}: mutant {index} (seed {seed}) threw {ex.GetType().Name}: {ex.Message}\n{Show(mutant)}\n{ex}");
            }

            if (allocated > maxAllocatedBytes)
            {
                throw new Xunit.Sdk.XunitException($"{what}: mutant {index} (seed {seed}) allocated {allocated:N0} bytes: {Show(mutant)}");
            }

            index++;
        }
    }

    private static string Show(byte[] mutant) =>
        mutant.Length <= 2000 ? "base64 " + Convert.ToBase64String(mutant) : $"{mutant.Length:N0} bytes starting base64 {Convert.ToBase64String(mutant, 0, 2000)}";
}
