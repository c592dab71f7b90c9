using Actors.Grains.Hosting;
using Actors.Silo.LeaderElection;
using Actors.Silo.Watchers;
using k8s;
using Orleans.Runtime;

namespace Actors.Silo.Hosting;

/// <summary>
/// The Kafka operator — an Orleans silo with its grains, informers and watch forwarding — run only while
/// this replica leads. Each term builds the operator afresh (one per watched namespace, or
/// one for all) and starts it; when the term ends the operator stops: at once when the lease
/// was lost (another replica may already act), gracefully within the shutdown timeout when the
/// silo is stopping (grains deactivate, in-flight state is written). Nothing of a term survives
/// into the next: grains re-derive everything from the API, as after a restart. The term's
/// watches are shown to /readyz (<see cref="IOperatorWatches"/>).
/// </summary>
public sealed class LeadingOperator(
    ILeadership leadership,
    k8s.Kubernetes client,
    SiloOptions options,
    OperatorCluster.OperatorClustering clustering,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<LeadingOperator> logger) : BackgroundService, IOperatorWatches
{
    /// <summary>How long a graceful stop may take; within the host's own shutdown timeout.</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(20);

    private CancellationToken hostStopping;
    private volatile bool running;
    private volatile IReadOnlyList<(string? Namespace, OperatorInformers Informers)> current = [];
    private volatile ISiloStatusOracle? silo;

    /// <summary>True from the moment the operator has started in a term until its stop begins.</summary>
    public bool IsRunning => running;

    /// <summary>This replica's silo in its cluster's membership (the first operator's, the only one in an operator cluster); null between terms.</summary>
    public SiloStatus? SiloStatus => silo?.CurrentStatus;

    /// <summary>The watches of the running term, one set per operator; none between terms.</summary>
    public IReadOnlyList<WatchState> Watches =>
        [.. current.SelectMany(o => WatchState.Of(o.Informers, o.Namespace))];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        hostStopping = stoppingToken;
        return leadership.RunWhileLeadingAsync(RunTermAsync, stoppingToken);
    }

    private async Task RunTermAsync(CancellationToken term)
    {
        var scopes = options.WatchNamespaces.Count == 0 ? [null] : options.WatchNamespaces.Cast<string?>().ToList();
        var operators = scopes.Select(Build).ToList();
        try
        {
            foreach (var host in operators) await host.StartAsync(term);
            current = [.. scopes.Zip(operators, (ns, host) => (ns, host.Services.GetRequiredService<OperatorInformers>()))];
            silo = operators[0].Services.GetRequiredService<ISiloStatusOracle>();
            running = true;
            logger.LogInformation("Leading: the operator manages KafkaClusters in {Scope}",
                options.WatchNamespaces.Count == 0 ? "all namespaces" : string.Join(", ", options.WatchNamespaces));
            await Task.Delay(Timeout.Infinite, term);
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
        }
        finally
        {
            running = false;
            current = [];
            silo = null;
            var lost = !hostStopping.IsCancellationRequested;
            using var limit = new CancellationTokenSource(lost ? TimeSpan.Zero : GracefulStop);
            if (lost) logger.LogWarning("No longer leading: stopping the operator at once");
            foreach (var host in operators)
            {
                try
                {
                    await host.StopAsync(limit.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or AggregateException)
                {
                    logger.LogDebug(e, "The operator stopped before every part had finished stopping");
                }

                host.Dispose();
            }
            logger.LogInformation("Operator silo stopped: its grains are deactivated and their state written");
        }
    }

    /// <summary>One operator: the grain-shells composition on this silo's client, clock and logging.</summary>
    private IHost Build(string? ns)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        // The silo's one client, shared: the informers need the concrete type, the grains the interface.
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IKubernetes>(client);
        builder.Services.AddSingleton(time);
        builder.AddKafkaOperatorSilo(operatorOptions =>
        {
            operatorOptions.Namespace = ns;
            operatorOptions.InstallCrd = false; // done once at start-up, see CustomResourceInstaller
            operatorOptions.KafkaChecks = options.KafkaChecks ?? false;
            operatorOptions.KafkaAddressMap = options.KafkaAddressMap;
            operatorOptions.KafkaChecksOnlyWhereMapped = options.KafkaChecksOnlyWhereMapped;
        }, clustering.Shared);
        builder.Services.AddKafkaOperatorWatchers();
        return builder.Build();
    }

    /// <summary>The operator lives inside the silo: signals and lifetime belong to the silo's host.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
