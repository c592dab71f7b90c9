using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Log_lines_written_by_a_grain_carry_its_grain_id_as_a_scope()
    {
        var sink = new ScopeCapturingProvider();
        await using var silo = new TestSilo(services: s => s.AddLogging(b => b.AddProvider(sink)));

        await silo.Get<IServiceGrain>("s").Describe().Within();

        var line = Assert.Single(sink.Lines, l => l.Message == "Describing s");
        Assert.Contains(new KeyValuePair<string, object?>("GrainId", "ServiceGrain/s"), line.Scope);
    }

    private sealed class ScopeCapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public List<(string Message, List<KeyValuePair<string, object?>> Scope)> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(ScopeCapturingProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new List<KeyValuePair<string, object?>>();
                provider._scopes.ForEachScope((s, list) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs);
                }, scope);
                lock (provider.Lines) provider.Lines.Add((formatter(state, exception), scope));
            }
        }
    }
}
