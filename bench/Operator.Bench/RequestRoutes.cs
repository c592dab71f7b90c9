using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.Kubernetes;

namespace Actors.Operator.Bench;

/// <summary>
/// Which API routes the requests went to and what they were answered ("GET /api/v1/namespaces/{namespace}/pods 200"), from the
/// client's one span per request: what <see cref="RequestCounter"/> counts, told apart, so a
/// count at rest that is not zero can be explained (printed with BENCH_TRACE).
/// </summary>
public sealed class RequestRoutes : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public RequestRoutes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KubernetesMetricNames.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
                _counts.AddOrUpdate($"{activity.DisplayName} {activity.GetTagItem("http.response.status_code") ?? "(no answer)"}", 1, (_, n) => n + 1),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The counts so far, and starts counting again from zero.</summary>
    public IReadOnlyList<(string Route, int Count)> Take()
    {
        var taken = new List<(string, int)>();
        foreach (var route in _counts.Keys)
            if (_counts.TryRemove(route, out var count)) taken.Add((route, count));
        return [.. taken.OrderByDescending(t => t.Item2)];
    }

    public void Dispose() => _listener.Dispose();
}
