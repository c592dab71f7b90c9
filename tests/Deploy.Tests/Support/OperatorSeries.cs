using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Actors.Grains.Telemetry;
using Actors.Kubernetes;
using Actors.Runtime;
using Actors.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Deploy.Tests.Support;

/// <summary>
/// Every series name the operator's /metrics can show, read off the real instruments rather
/// than a list kept by hand: the instruments the runtime, the Kubernetes client, the grains and
/// the silo create on the Meter "Actors" are observed as they are published, and named as the
/// silo's Prometheus exporter names them (<see cref="PrometheusNames"/>; counters end in
/// _total, histograms add _bucket, _sum and _count).
/// </summary>
public static class OperatorSeries
{
    static readonly Lazy<IReadOnlySet<string>> Once = new(Collect);

    public static IReadOnlySet<string> Names => Once.Value;

    static IReadOnlySet<string> Collect()
    {
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == ActorTelemetry.MeterName)
                    lock (instruments) instruments.Add(instrument);
            },
        };
        listener.Start(); // reports the instruments already published, then every new one

        // Instruments created in static fields (the Kubernetes client's is internal: run its
        // type initializer through the public names type's assembly).
        RuntimeHelpers.RunClassConstructor(typeof(ReconcileTelemetry).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(ClusterMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Actors.Silo.Watchers.ReconcileTrigger).TypeHandle);
        var client = typeof(KubernetesMetricNames).Assembly.GetType("Actors.Kubernetes.KubernetesTelemetry")
            ?? throw new InvalidOperationException("Actors.Kubernetes.KubernetesTelemetry moved: update OperatorSeries to find the client's instruments.");
        RuntimeHelpers.RunClassConstructor(client.TypeHandle);
        // Instruments created per instance: the runtime's.
        using var services = new ServiceCollection().AddActorRuntime().Services.BuildServiceProvider();
        services.GetRequiredService<ActorRuntime>();

        var names = new SortedSet<string>(StringComparer.Ordinal);
        lock (instruments)
            foreach (var instrument in instruments)
            {
                var type = TypeOf(instrument);
                var name = PrometheusNames.Metric(instrument.Name, instrument.Unit, type);
                if (type == PrometheusType.Histogram)
                    names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                else
                    names.Add(name);
            }
        return names;
    }

    static PrometheusType TypeOf(Instrument instrument)
    {
        var generic = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        if (generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>)) return PrometheusType.Counter;
        if (generic == typeof(Histogram<>)) return PrometheusType.Histogram;
        return PrometheusType.Gauge; // gauges and up-down counters (non-monotonic sums) export as gauges
    }
}
