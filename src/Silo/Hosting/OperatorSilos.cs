using Actors.Grains.Hosting;
using Actors.Silo.OperatorCluster;
using Actors.Silo.Watchers;
using k8s;
using Orleans.Runtime;

namespace Actors.Silo.Hosting;

/// <summary>
/// The Kafka operator on this replica — one Orleans silo with its grains, informers and watch
/// forwarding, for every watched namespace (all, one or a set: the informers list and watch each
/// namespace on their own), alone or one of an operator cluster — started with the replica and
/// stopped gracefully with it (grains deactivate, in-flight state is written, an operator
/// cluster's silo leaves its membership). Every replica acts: no write that decides a node's fate
/// needs a single writer, each carries its own precondition. The watches are shown to /readyz
/// (<see cref="IOperatorWatches"/>), the silo's membership status to the operator-cluster check.
/// </summary>
public sealed class OperatorSilos(
    k8s.Kubernetes client,
    SiloOptions options,
    OperatorCluster.OperatorClustering clustering,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<OperatorSilos> logger) : BackgroundService, IOperatorWatches
{
    /// <summary>How long a graceful stop may take; within the host's own shutdown timeout.</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(20);

    private volatile bool running;
    private volatile OperatorInformers? current;
    private volatile ISiloStatusOracle? silo;

    /// <summary>True from the moment the silo has started until its stop begins.</summary>
    public bool IsRunning => running;

    /// <summary>This replica's silo in its cluster's membership; null unless running.</summary>
    public SiloStatus? SiloStatus => silo?.CurrentStatus;

    /// <summary>The running silo's watches, one per kind and watched namespace; none unless running.</summary>
    public IReadOnlyList<WatchState> Watches => current is { } informers ? WatchState.Of(informers) : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var host = Build();
        try
        {
            await host.StartAsync(stoppingToken);
            current = host.Services.GetRequiredService<OperatorInformers>();
            silo = host.Services.GetRequiredService<ISiloStatusOracle>();
            running = true;
            logger.LogInformation("The operator manages KafkaClusters in {Scope}",
                options.WatchNamespaces.Count == 0 ? "all namespaces" : string.Join(", ", options.WatchNamespaces));
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            running = false;
            current = null;
            silo = null;
            using var limit = new CancellationTokenSource(GracefulStop);
            try
            {
                await host.StopAsync(limit.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or AggregateException)
            {
                logger.LogDebug(e, "The operator stopped before every part had finished stopping");
            }
            logger.LogInformation("Operator silo stopped: its grains are deactivated and their state written");
        }
    }

    /// <summary>The operator: the grain-shells composition on this silo's client, clock and logging.</summary>
    private IHost Build()
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
            operatorOptions.Namespaces = options.WatchNamespaces;
            operatorOptions.InstallCrd = false; // done once at start-up, see CustomResourceInstaller
            operatorOptions.KafkaChecks = options.KafkaChecks ?? false;
            operatorOptions.KafkaAddressMap = options.KafkaAddressMap;
            operatorOptions.KafkaChecksOnlyWhereMapped = options.KafkaChecksOnlyWhereMapped;
        }, clustering.Shared);
        // Set only with a shared cluster (SiloHost builds it so): a replica alone has no peers' pods to watch.
        if (clustering.PodWatch is { } podWatch) builder.Services.AddReplicaPodWatch(podWatch);
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
