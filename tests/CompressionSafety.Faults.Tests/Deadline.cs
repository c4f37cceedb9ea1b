using System.Diagnostics;

namespace CompressionSafety.Faults.Tests;

/// <summary>Every wait of these tests: polls a condition until it holds or a deadline passes, then fails naming what it waited for.</summary>
internal static class Deadline
{
    /// <summary>The longest a step waits for a process, the broker or the worker; a safety net, not a sleep.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>How long a worker may take to exit after SIGTERM: Kubernetes' default grace period, the worker's default drain bound.</summary>
    public static readonly TimeSpan ShutdownBound = TimeSpan.FromSeconds(30);

    /// <summary>Polls until <paramref name="condition"/> holds; returns how long it took.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? context = null)
    {
        var limit = timeout ?? Patience;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for {what}" + (context is null ? "" : "\n" + context()));
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout, context);
}
