using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Contracts.Grains;
using Actors.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Watchers;

/// <summary>
/// Wakes a cluster grain without waiting for it, and collapses bursts: while a reconcile of a
/// cluster is running, any number of further events for it cause exactly one more pass after it.
/// Reconciliation is level-based, so one pass after the last event sees everything those events did.
/// Its queue depth (clusters with a pass running or owed) is controller-runtime's <c>workqueue_depth{name}</c>.
/// </summary>
public sealed class ReconcileTrigger(IGrainFactory grains, ILogger<ReconcileTrigger> logger)
{
    public const string WorkqueueDepth = "workqueue_depth";
    private const string QueueName = "kafkacluster";
    private const int Idle = 0, Running = 1, RunningAndDirty = 2;

    // Static: one series per process even when tests host several silos side by side.
    private static long s_pending;
    private static readonly Meter Meter = new(ReconcileTelemetry.MeterName);

    static ReconcileTrigger() => Meter.CreateObservableGauge(WorkqueueDepth,
        () => new Measurement<long>(Interlocked.Read(ref s_pending), new KeyValuePair<string, object?>("name", QueueName)),
        description: "Clusters whose reconcile is running or owed, per controller queue.");

    private readonly ConcurrentDictionary<string, int> _states = new(StringComparer.Ordinal);

    public void Trigger(string clusterKey)
    {
        while (true)
        {
            var state = _states.GetOrAdd(clusterKey, Idle);
            if (state == Idle)
            {
                if (!_states.TryUpdate(clusterKey, Running, Idle)) continue;
                Interlocked.Increment(ref s_pending);
                using (ExecutionContext.SuppressFlow())
                    _ = Task.Run(() => RunAsync(clusterKey));
                return;
            }
            if (state == RunningAndDirty || _states.TryUpdate(clusterKey, RunningAndDirty, Running)) return;
        }
    }

    private async Task RunAsync(string clusterKey)
    {
        while (true)
        {
            try
            {
                await grains.GetGrain<IKafkaClusterGrain>(clusterKey).ReconcileAsync();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Reconcile of {Cluster} triggered by a watch event failed", clusterKey);
            }
            if (_states.TryUpdate(clusterKey, Running, RunningAndDirty)) continue;
            if (_states.TryUpdate(clusterKey, Idle, Running))
            {
                Interlocked.Decrement(ref s_pending);
                return;
            }
        }
    }
}
