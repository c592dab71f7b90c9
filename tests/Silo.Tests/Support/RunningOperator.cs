using Actors.Silo.Hosting;
using Actors.Silo.OperatorCluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Silo.Tests.Support;

/// <summary>The operator over some namespaces, run as a replica runs it alone (<see cref="OperatorSilos"/>), started and stopped by a test.</summary>
public static class RunningOperator
{
    /// <summary>Started, with its silo and watches up.</summary>
    public static async Task<OperatorSilos> StartAsync(k8s.Kubernetes client, params string[] namespaces)
    {
        var silos = new OperatorSilos(client, new SiloOptions { WatchNamespaces = namespaces }, new OperatorClustering(null), TimeProvider.System,
            NullLoggerFactory.Instance, NullLogger<OperatorSilos>.Instance);
        await silos.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => silos.IsRunning, "the operator runs");
        return silos;
    }

    /// <summary>Stops it as the replica's host does, within the tests' usual limit.</summary>
    public static async Task StopWithinLimitAsync(this OperatorSilos silos)
    {
        using var limit = new CancellationTokenSource(Eventually.Limit);
        await silos.StopAsync(limit.Token);
    }
}
