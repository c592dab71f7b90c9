using Actors.Grains.Coordinator;
using Actors.Grains.Manifests;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>One pod change as the API server published it, in commit order.</summary>
public sealed record PodChange(int Sequence, WatchChangeType Type, string Pod, string Uid, string? Revision, bool Ready, bool Terminating, IReadOnlyDictionary<string, string> Annotations)
{
    public bool Available => Type != WatchChangeType.Deleted && Ready && !Terminating;
}

/// <summary>
/// Every change of every pod in the scenario's namespace, recorded from one watch opened before
/// the operator starts — the API server's own order, the same against the emulator and a real
/// cluster. Orderings ("created only after its predecessor was Ready") and bounds ("never more
/// than one unavailable") are read from it.
/// </summary>
public sealed class PodTimeline : IAsyncDisposable
{
    private readonly List<PodChange> _changes = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public static async Task<PodTimeline> StartAsync(k8s.Kubernetes client, string @namespace)
    {
        var timeline = new PodTimeline();
        var list = await client.CoreV1.ListNamespacedPodAsync(@namespace);
        timeline._run = Task.Run(() => timeline.RunAsync(client, @namespace, list.Metadata.ResourceVersion));
        return timeline;
    }

    private async Task RunAsync(k8s.Kubernetes client, string @namespace, string? resourceVersion)
    {
        var watch = new CollectionWatch<V1Pod>(client, ResourceTypes.Of<V1Pod>(), @namespace, new WatchOptions { ResourceVersion = resourceVersion });
        try
        {
            await foreach (var change in watch.RunAsync(_stop.Token))
            {
                if (change.Object is not { } pod || change.Type is not (WatchChangeType.Added or WatchChangeType.Modified or WatchChangeType.Deleted)) continue;
                var observed = NodeObserver.Observe(pod);
                lock (_changes)
                    _changes.Add(new PodChange(_changes.Count, change.Type, pod.Metadata.Name ?? "", observed.Uid, observed.Revision,
                        observed.Ready, observed.Terminating, pod.Metadata.Annotations?.ToDictionary() ?? []));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public IReadOnlyList<PodChange> Changes
    {
        get { lock (_changes) return [.. _changes]; }
    }

    /// <summary>Pods in the order they were created (one entry per pod instance).</summary>
    public IReadOnlyList<PodChange> Creations(int from = 0) =>
        Changes.Skip(from).Where(c => c.Type == WatchChangeType.Added).ToList();

    /// <summary>Pod instances deleted (first seen terminating, or gone), in order.</summary>
    public IReadOnlyList<PodChange> Deletions(int from = 0) =>
        Changes.Skip(from).Where(c => c.Terminating || c.Type == WatchChangeType.Deleted).DistinctBy(c => c.Uid).ToList();

    /// <summary>The sequence at which a pod instance first became Ready, or null.</summary>
    public int? FirstReady(string uid) => Changes.FirstOrDefault(c => c.Uid == uid && c.Available)?.Sequence;

    /// <summary>The sequence at which a pod instance, after <paramref name="after"/>, was first seen unavailable (a crash), or null.</summary>
    public int? FirstUnready(string uid, int after) => Changes.FirstOrDefault(c => c.Uid == uid && c.Sequence > after && !c.Available)?.Sequence;

    /// <summary>The sequence at which a pod instance, after <paramref name="after"/>, was first seen available again, or null.</summary>
    public int? ReadyAgain(string uid, int after) => Changes.FirstOrDefault(c => c.Uid == uid && c.Sequence > after && c.Available)?.Sequence;

    /// <summary>
    /// Replays the changes from <paramref name="from"/> and returns the most member pods that were
    /// unavailable at any one moment, starting from the state at <paramref name="from"/>.
    /// </summary>
    public int MostUnavailable(IReadOnlyCollection<string> members, int from)
    {
        var all = Changes;
        var current = new Dictionary<string, PodChange>();
        foreach (var change in all)
        {
            if (change.Sequence >= from) break;
            Apply(current, change);
        }
        var most = Unavailable(current, members);
        foreach (var change in all.Where(c => c.Sequence >= from))
        {
            Apply(current, change);
            most = Math.Max(most, Unavailable(current, members));
        }
        return most;
    }

    public int Count
    {
        get { lock (_changes) return _changes.Count; }
    }

    private static void Apply(Dictionary<string, PodChange> current, PodChange change)
    {
        if (change.Type == WatchChangeType.Deleted) current.Remove(change.Pod);
        else current[change.Pod] = change;
    }

    private static int Unavailable(Dictionary<string, PodChange> current, IReadOnlyCollection<string> members) =>
        members.Count(m => !current.TryGetValue(m, out var pod) || !pod.Available);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
