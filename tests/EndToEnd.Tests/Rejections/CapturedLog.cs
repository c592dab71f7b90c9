using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Actors.EndToEnd.Tests.Rejections;

/// <summary>The operator's warnings and errors, kept so a test can count the lines a failure produced.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public sealed record Line(LogLevel Level, string Category, string Text, Exception? Exception);

    private readonly ConcurrentQueue<Line> _lines = new();

    public IReadOnlyList<Line> Warnings => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log._lines.Enqueue(new Line(logLevel, category, formatter(state, exception), exception));
        }
    }
}
