using System.Collections.Concurrent;
using Actors.Contracts.Grains;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Watchers;

/// <summary>
/// Wakes a cluster grain without waiting for it, and collapses bursts: while a wake of a cluster is
/// in flight, any number of further events for it cause exactly one more wake after it. The wake
/// returns at once (the pass runs in the grain's own schedule), so an event storm never queues
/// grain calls; reconciliation is level-based, so one pass after the last event sees everything.
/// A wake that fails (its grain's replica just died, say) is tried again with back-off: the event
/// it carries must not be lost.
/// </summary>
public sealed class ReconcileTrigger(IGrainFactory grains, ILogger<ReconcileTrigger> logger) : IDisposable
{
    private const int Idle = 0, Running = 1, RunningAndDirty = 2;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250), LastRetry = TimeSpan.FromSeconds(8);

    private readonly CancellationTokenSource _stopping = new();

    private readonly ConcurrentDictionary<string, int> _states = new(StringComparer.Ordinal);

    public void Trigger(string clusterKey)
    {
        while (true)
        {
            var state = _states.GetOrAdd(clusterKey, Idle);
            if (state == Idle)
            {
                if (!_states.TryUpdate(clusterKey, Running, Idle)) continue;
                using (ExecutionContext.SuppressFlow())
                    _ = Task.Run(() => RunAsync(clusterKey));
                return;
            }
            if (state == RunningAndDirty || _states.TryUpdate(clusterKey, RunningAndDirty, Running)) return;
        }
    }

    private async Task RunAsync(string clusterKey)
    {
        var retry = FirstRetry;
        while (true)
        {
            try
            {
                await grains.GetGrain<IKafkaClusterGrain>(clusterKey).WakeAsync();
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                logger.LogWarning("Waking {Cluster} for a watch event failed ({Reason}); trying again in {Delay}", clusterKey, e.Message, retry);
                try
                {
                    await Task.Delay(retry, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                }
                retry = retry * 2 > LastRetry ? LastRetry : retry * 2;
                if (!_stopping.IsCancellationRequested) continue;
            }
            catch (Exception)
            {
                // Stopping: the next replica or term looks at every cluster anew.
            }
            if (_states.TryUpdate(clusterKey, Running, RunningAndDirty)) continue;
            if (_states.TryUpdate(clusterKey, Idle, Running)) return;
        }
    }

    // Cancelled, not disposed: a retry may still be reading its token.
    public void Dispose() => _stopping.Cancel();
}
