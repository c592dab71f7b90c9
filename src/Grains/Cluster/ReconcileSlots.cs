using System.Diagnostics.Metrics;
using Actors.Grains.Hosting;
using Actors.Grains.Telemetry;

namespace Actors.Grains.Cluster;

/// <summary>
/// How many cluster passes may run at once in this silo (controller-runtime's
/// <c>MaxConcurrentReconciles</c>). Under a burst the client's rate limit is shared by every pass in
/// flight, so unbounded concurrency makes every pass as slow as all of them together; bounded, the
/// rest wait here, in their grain's own schedule, and each pass that runs stays short. The passes
/// waiting for a slot are controller-runtime's <c>workqueue_depth{name}</c>.
/// </summary>
public sealed class ReconcileSlots(KafkaOperatorOptions options)
{
    public const string WorkqueueDepth = "workqueue_depth";
    private const string QueueName = "kafkacluster";

    // Static: one series per process even when tests host several silos side by side.
    private static long s_waiting;
    private static readonly Meter Meter = new(ReconcileTelemetry.MeterName);

    static ReconcileSlots() => Meter.CreateObservableGauge(WorkqueueDepth,
        () => new Measurement<long>(Interlocked.Read(ref s_waiting), new KeyValuePair<string, object?>("name", QueueName)),
        description: "Cluster passes waiting for a free reconcile slot, per controller queue.");

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentReconciles));

    /// <summary>Waits (first come, first served) for a slot; disposing the result frees it.</summary>
    public async Task<IDisposable> EnterAsync()
    {
        Interlocked.Increment(ref s_waiting);
        try
        {
            await _slots.WaitAsync();
        }
        finally
        {
            Interlocked.Decrement(ref s_waiting);
        }
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _freed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _freed, 1) == 0) slots.Release();
        }
    }
}
