using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Actors.Grains.Telemetry;
using Actors.Kubernetes;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>
/// Every series name the operator's /metrics can show, as Prometheus stores it. The instruments
/// are read off the real code (everything the Kubernetes client, the grains and the watchers
/// create on the Meter "Actors", and what a real Orleans silo creates on its own Meter), and their exported names off the real exporter: each
/// instrument gets a twin of the same kind, name and unit on a probe meter, measured once, in a
/// <see cref="OperatorMetricsHost"/> (the silo's own telemetry wiring), and /metrics is scraped.
/// So the unit and type suffixes the exporter adds (_seconds, _total, _bucket…) are its own,
/// not a rule kept here.
/// </summary>
public static partial class ExportedSeries
{
    const string ProbeMeter = "Actors.SeriesProbe";

    static readonly Lazy<IReadOnlySet<string>> Once = new(() => Task.Run(CollectAsync).GetAwaiter().GetResult());

    public static IReadOnlySet<string> Names => Once.Value;

    static async Task<IReadOnlySet<string>> CollectAsync()
    {
        await using var host = await OperatorMetricsHost.StartAsync(ProbeMeter);
        // After the start: a measurement made before the meter provider listens is lost.
        using var probe = new Meter(ProbeMeter);
        foreach (var instrument in OperatorInstruments())
            Twin(probe, instrument);

        return Sample().Matches(await host.ScrapeAsync())
            .Where(m => m.Groups["labels"].Value.Contains($"otel_scope_name=\"{ProbeMeter}\"", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The instruments the operator creates on its Meter.</summary>
    static IReadOnlyList<Instrument> OperatorInstruments()
    {
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name is GrainCallTelemetry.MeterName or GrainCallTelemetry.OrleansMeterName)
                    lock (instruments) instruments.Add(instrument);
            },
        };
        listener.Start(); // reports the instruments already published, then every new one

        // Instruments created in static fields (the Kubernetes client's is internal: run its
        // type initializer through the public names type's assembly).
        RuntimeHelpers.RunClassConstructor(typeof(ReconcileTelemetry).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(ClusterMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Actors.Grains.Cluster.ReconcileSlots).TypeHandle);
        var client = typeof(KubernetesMetricNames).Assembly.GetType("Actors.Kubernetes.KubernetesTelemetry")
            ?? throw new InvalidOperationException("Actors.Kubernetes.KubernetesTelemetry moved: update ExportedSeries to find the client's instruments.");
        RuntimeHelpers.RunClassConstructor(client.TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(GrainCallMetrics).TypeHandle);
        // Orleans creates its instruments per silo: run one, and activate a grain so that its grain counts exist.
        OrleansInstruments.PublishAsync().GetAwaiter().GetResult();

        lock (instruments) return instruments.ToList();
    }

    /// <summary>An instrument of the same kind, name and unit, which reports one measurement.</summary>
    static void Twin(Meter probe, Instrument instrument)
    {
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        var (name, unit) = (instrument.Name, instrument.Unit);
        if (kind == typeof(Counter<>)) probe.CreateCounter<double>(name, unit).Add(1);
        else if (kind == typeof(UpDownCounter<>)) probe.CreateUpDownCounter<double>(name, unit).Add(1);
        else if (kind == typeof(Histogram<>)) probe.CreateHistogram<double>(name, unit).Record(1);
        else if (kind == typeof(Gauge<>)) probe.CreateGauge<double>(name, unit).Record(1);
        else if (kind == typeof(ObservableCounter<>)) probe.CreateObservableCounter(name, () => 1.0, unit);
        else if (kind == typeof(ObservableUpDownCounter<>)) probe.CreateObservableUpDownCounter(name, () => 1.0, unit);
        else if (kind == typeof(ObservableGauge<>)) probe.CreateObservableGauge(name, () => 1.0, unit);
        else throw new InvalidOperationException($"{name} is a {instrument.GetType().Name}, a kind ExportedSeries cannot twin yet.");
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^\n]*\})? ", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
