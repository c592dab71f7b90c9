using System.Diagnostics.Metrics;
using Actors.Kubernetes;

namespace Actors.Operator.Bench;

/// <summary>
/// Counts <c>rest_client_requests_total</c> across every Kubernetes client in the process (the
/// operator's, the kubelet's and the benchmark's own: the counter carries no client tag). Each is
/// the official client built by <see cref="KubernetesClients.Create"/>, whose request-policy
/// handler records every HTTP attempt there, as the hand-written client did before.
/// </summary>
public sealed class RequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public RequestCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KubernetesMetricNames.MeterName && instrument.Name == KubernetesMetricNames.RequestsTotal)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
