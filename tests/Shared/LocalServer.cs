using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CompressionSafety.Testing;

/// <summary>
/// A real server process from a Debian package (influxd, alertmanager, prometheus) on a free 127.0.0.1 port with its own
/// temporary folder, started by a test fixture and killed on disposal. Every wait is bounded by a deadline; a missing
/// binary fails the test with the package to install (CI installs it in <c>.ci/run</c>).
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server's own temporary folder (config, data), deleted on disposal.</summary>
    public string Directory { get; }

    /// <summary>Base URL without a trailing slash.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="binary"/> with the arguments <paramref name="arguments"/> builds from the port and the
    /// temporary folder, and waits until GET <paramref name="readyPath"/> answers 2xx.
    /// </summary>
    public static async Task<LocalServer> StartAsync(string binary, string package, Func<int, string, IEnumerable<string>> arguments, string readyPath)
    {
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} not found: install it with 'apt-get install -y {package}' (.ci/run does).");
        }

        var port = LocalHttp.FreePort();
        var directory = System.IO.Directory.CreateTempSubdirectory(Path.GetFileName(binary) + "-test-").FullName;
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments(port, directory))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException(binary + " did not start.");
        var server = new LocalServer(process, port, directory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilAsync(() => server.AnswersAsync(readyPath), TimeSpan.FromSeconds(30), binary + " " + readyPath);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, or throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} not reached within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting process; the OS temp cleaner takes it.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task<bool> AnswersAsync(string path)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{_process.StartInfo.FileName} exited during start:\n{Output}");
        }

        try
        {
            using var response = await Http.GetAsync(new Uri(Url + path));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
