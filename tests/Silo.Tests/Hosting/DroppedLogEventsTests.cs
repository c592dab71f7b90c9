using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using Actors.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Tests.Hosting;

/// <summary>
/// The silo runs on workstation GC by choice, so Orleans' advice to turn server GC on (two warning
/// lines at start-up, one event) is dropped, and only that event: the silo's other warnings still show.
/// </summary>
public sealed class DroppedLogEventsTests
{
    [Fact]
    public void The_server_GC_warning_is_dropped_and_another_warning_of_the_silo_still_shows()
    {
        var log = new RecordedLog();
        using var services = Logging(log).BuildServiceProvider();
        var silo = services.GetRequiredService<ILoggerFactory>().CreateLogger(OrleansGcWarning.Category);

        silo.LogWarning(new EventId(OrleansGcWarning.EventId), "Note: Silo not running with ServerGC turned on");
        silo.LogWarning(new EventId(100_406), "Silo is not yet Active");
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Runtime.Other").LogWarning(new EventId(OrleansGcWarning.EventId), "same id, another logger");

        Assert.Equal([(OrleansGcWarning.Category, 100_406), ("Orleans.Runtime.Other", OrleansGcWarning.EventId)], log.Entries.Select(e => (e.Category, e.Id)));
    }

    [Fact]
    public void The_event_is_the_one_Orleans_names_for_its_silo_s_GC_advice()
    {
        Assert.Equal("Orleans.Runtime.Silo", OrleansGcWarning.Category);
        Assert.Equal(100405, OrleansGcWarning.EventId);
    }

    [Fact]
    public async Task A_real_silo_on_workstation_GC_starts_without_the_server_GC_warning()
    {
        Assert.False(GCSettings.IsServerGC, "the test process must run on workstation GC, as the silo does");
        var log = new RecordedLog();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Logging(log, builder.Services);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort()));
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Eventually.Limit);
        await host.StopAsync().WaitAsync(Eventually.Limit);

        // The silo's logger spoke (it says which GC it runs with just before the warning), but not the warning.
        Assert.Contains(log.Entries, e => e.Category == OrleansGcWarning.Category && e.Message.Contains("ServerGC=False"));
        Assert.DoesNotContain(log.Entries, e => e.Id == OrleansGcWarning.EventId || e.Message.Contains("ServerGC turned on"));
    }

    /// <summary>The silo's logging configuration (<see cref="SiloHost"/>'s line), with a recording provider.</summary>
    private static IServiceCollection Logging(RecordedLog log, IServiceCollection? services = null)
    {
        services ??= new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information)
            .DropEvent(OrleansGcWarning.Category, OrleansGcWarning.EventId));
        return services;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class RecordedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, int Id, string Message)> entries = new();

        public IReadOnlyList<(string Category, int Id, string Message)> Entries => [.. entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, int, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, eventId.Id, formatter(state, exception)));
        }
    }
}
