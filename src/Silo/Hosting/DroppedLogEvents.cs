using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Hosting;

/// <summary>
/// Drops one log event — a category and an event id — before any provider sees it, and leaves every
/// other event of that category as it is: what AddFilter cannot say, since its rules know categories
/// and levels, not event ids. The logger factory itself is wrapped, so the drop holds for every
/// provider (console, debug, event source, one added later) and for the operator silos, which log
/// through this factory.
/// </summary>
public static class DroppedLogEvents
{
    public static ILoggingBuilder DropEvent(this ILoggingBuilder logging, string category, int eventId)
    {
        logging.Services.AddSingleton(new DroppedLogEvent(category, eventId));
        // Replace, not add: called again it wraps the same factory once.
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new DroppingLoggerFactory(
            new LoggerFactory(services.GetServices<ILoggerProvider>(), services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                services.GetService<IOptions<LoggerFactoryOptions>>(), services.GetService<IExternalScopeProvider>()),
            services.GetServices<DroppedLogEvent>())));
        return logging;
    }

    private sealed record DroppedLogEvent(string Category, int EventId);

    private sealed class DroppingLoggerFactory(ILoggerFactory inner, IEnumerable<DroppedLogEvent> dropped) : ILoggerFactory
    {
        private readonly ILookup<string, int> _dropped = dropped.ToLookup(d => d.Category, d => d.EventId, StringComparer.Ordinal);

        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return _dropped.Contains(categoryName) ? new DroppingLogger(logger, [.. _dropped[categoryName]]) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class DroppingLogger(ILogger inner, HashSet<int> dropped) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!dropped.Contains(eventId.Id)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
