using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Keeps every log event's id and message, for tests that check what the worker said.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, string Message)> Events { get; } = new();

    public bool Has(int eventId) => Events.Any(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Events.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
