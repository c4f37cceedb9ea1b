namespace CompressionSafety.Faults.Tests;

/// <summary>
/// The mock Kafka cluster in its own process (tests/CompressionSafety.MockBroker): it outlives every worker a test
/// starts and kills; brokers go down and up through the mock API, so the topics and committed offsets stay.
/// </summary>
internal sealed class MockBrokerProcess : IDisposable
{
    private static int s_sequence;
    private readonly ChildProcess _process;

    private MockBrokerProcess(ChildProcess process, string bootstrap)
    {
        _process = process;
        BootstrapServers = bootstrap;
    }

    public string BootstrapServers { get; }

    public static async Task<MockBrokerProcess> StartAsync()
    {
        var process = ChildProcess.Start(BuiltTools.Dotnet, [BuiltTools.MockBroker]);
        var line = await process.WaitForLineAsync(l => l.StartsWith("bootstrap ", StringComparison.Ordinal), "the mock broker's bootstrap address").ConfigureAwait(false);
        return new MockBrokerProcess(process, line["bootstrap ".Length..]);
    }

    /// <summary>A topic with a name no other test uses.</summary>
    public async Task<string> CreateTopicAsync(string prefix, int partitions = 1)
    {
        var topic = $"{prefix}-{Interlocked.Increment(ref s_sequence)}-{Guid.NewGuid():N}";
        await CommandAsync($"topic {topic} {partitions}", $"ok topic {topic} {partitions}").ConfigureAwait(false);
        return topic;
    }

    /// <summary>Every broker refuses connections (existing ones are closed) until <see cref="UpAsync"/>.</summary>
    public Task DownAsync() => CommandAsync("down", "ok down");

    public Task UpAsync() => CommandAsync("up", "ok up");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // The end of its input stops it cleanly; the kill in Dispose is the fallback.
            try
            {
                _process.WriteLineAsync("quit").GetAwaiter().GetResult();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (IOException)
            {
            }
        }

        _process.Dispose();
    }

    private async Task CommandAsync(string command, string expected)
    {
        var from = _process.LineCount;
        await _process.WriteLineAsync(command).ConfigureAwait(false);
        var answer = await _process.WaitForLineAsync(l => l.StartsWith("ok ", StringComparison.Ordinal) || l.StartsWith("error ", StringComparison.Ordinal), "the answer to " + command, from).ConfigureAwait(false);
        Assert.Equal(expected, answer);
    }
}
