using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>A logger that keeps what it was given, so a test can check what a silo said it found.</summary>
public sealed class RecordedLog<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));

    public IReadOnlyList<string> Warnings => [.. Lines.Where(line => line.Level == LogLevel.Warning).Select(line => line.Message)];
}
