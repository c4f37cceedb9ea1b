using System.Globalization;

namespace CompressionSafety.Cli.Commands;

/// <summary>
/// Progress for a terminal: rewrites one stderr line in place. Synchronous on purpose: <see cref="Progress{T}"/> posts
/// to the thread pool and could print after the final summary.
/// </summary>
internal sealed class StderrProgress(TextWriter error, long expectedSlots) : IProgress<long>
{
    public void Report(long value) =>
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\rgenerated {value:N0} lines ({expectedSlots:N0} record slots requested)"));

    public void Finish() => error.WriteLine();
}
