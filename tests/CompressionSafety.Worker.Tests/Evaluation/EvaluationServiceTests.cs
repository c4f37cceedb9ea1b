using CompressionSafety.Worker.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.Worker.Tests.Evaluation;

public sealed class EvaluationServiceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _time.Dispose();

    [Fact]
    public async Task Execute_RunAtStartup_RunsNowAndAgainAfterEachInterval()
    {
        using var runner = new CountingRunner();
        using var service = Create(runner, runAtStartup: true);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await runner.WaitForRunAsync());
        Assert.True(await _time.WaitForTimerAsync());
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(1, runner.Runs);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await runner.WaitForRunAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, runner.Runs);
    }

    [Fact]
    public async Task Execute_NotAtStartup_WaitsOneIntervalFirst()
    {
        using var runner = new CountingRunner();
        using var service = Create(runner, runAtStartup: false);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await _time.WaitForTimerAsync());
        Assert.Equal(0, runner.Runs);
        _time.Advance(Interval);
        Assert.True(await runner.WaitForRunAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(1, runner.Runs);
    }

    [Fact]
    public async Task Execute_PassThrows_KeepsTheSchedule()
    {
        using var runner = new CountingRunner { FailFirst = true };
        using var service = Create(runner, runAtStartup: true);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await runner.WaitForRunAsync());
        Assert.True(await _time.WaitForTimerAsync());
        _time.Advance(Interval);
        Assert.True(await runner.WaitForRunAsync());
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, runner.Runs);
        Assert.NotNull(service.ExecuteTask);
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public void Validator_MissingPathsAndZeroInterval_ListsEveryProblem()
    {
        var result = new EvaluationOptionsValidator().Validate(null, new EvaluationOptions { Interval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("RegistryPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Interval", result.FailureMessage, StringComparison.Ordinal);
    }

    private EvaluationService Create(CountingRunner runner, bool runAtStartup) => new(
        runner,
        Microsoft.Extensions.Options.Options.Create(new EvaluationOptions { RegistryPath = "r", SuitePath = "s", OutputDirectory = "o", Interval = Interval, RunAtStartup = runAtStartup }),
        _time,
        NullLogger<EvaluationService>.Instance);

    private sealed class CountingRunner : IEvaluationRunner, IDisposable
    {
        private readonly SemaphoreSlim _ran = new(0);
        private int _runs;

        public bool FailFirst { get; init; }

        public int Runs => Volatile.Read(ref _runs);

        public Task RunAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            _ran.Release();
            return run == 1 && FailFirst ? Task.FromException(new InvalidOperationException("bad model")) : Task.CompletedTask;
        }

        public void Dispose() => _ran.Dispose();

        public Task<bool> WaitForRunAsync() => _ran.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
