using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PowerSync.Backend.Sample.Tests.Infrastructure;

/// <summary>Keeps the server's log, to show it when a test fails.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text(LogLevel atLeast) => string.Join(Environment.NewLine, _lines.Where(l => l[0] - '0' >= (int)atLeast).Select(l => l[2..]));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{(int)logLevel} {logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
    }
}
