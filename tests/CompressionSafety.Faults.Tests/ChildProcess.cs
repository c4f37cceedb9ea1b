using System.Diagnostics;
using System.Globalization;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// A process started by a test: its output kept line by line (for waits and failure messages), stopped by
/// <c>kill -9</c> (<see cref="Kill"/>) or SIGTERM (<see cref="TerminateAsync"/>), never left behind (disposal kills it).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="file"/>; with <paramref name="environment"/> set on top of the test's own.</summary>
    public static ChildProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start.");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Everything printed so far, the last <paramref name="lines"/> lines (for failure messages).</summary>
    public string Output(int lines = 60)
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }

    /// <summary>The first line printed from <paramref name="from"/> on that matches, within the deadline.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, int from = 0)
    {
        string? found = null;
        await Deadline.WaitUntilAsync(() => (found = FindLine(match, from)) is not null || _process.HasExited, what, context: () => Output()).ConfigureAwait(false);
        return found ?? throw new InvalidOperationException($"process exited ({_process.ExitCode}) before {what}:\n{Output()}");
    }

    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary><c>kill -9</c>: no shutdown code runs, nothing is flushed or committed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            // Process.Kill sends SIGKILL on Unix.
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Sends SIGTERM (as an orchestrator does) and waits for the exit; returns how long the exit took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no exit within {bound.TotalSeconds:0} s of SIGTERM:\n{Output()}");
        }

        return clock.Elapsed;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit by itself.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private string? FindLine(Func<string, bool> match, int from)
    {
        lock (_lines)
        {
            return _lines.Skip(from).FirstOrDefault(match);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
