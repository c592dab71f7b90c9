using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Actors.Contracts.Api;

namespace Actors.Silo.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IClusterOperations"/> that records every call, so tests can prove
/// that bad input never reached the operator.
/// </summary>
public sealed class FakeClusterOperations : IClusterOperations
{
    private readonly ConcurrentDictionary<string, ClusterView> clusters = new();
    private readonly ConcurrentDictionary<Channel<ClusterView?>, string> watchers = new();
    private readonly ConcurrentQueue<string> calls = new();

    /// <summary>Calls in order, e.g. "Scale kafka/demo 5".</summary>
    public IReadOnlyList<string> Calls => calls.ToArray();

    /// <summary>When set, the next mutation throws it instead of acting.</summary>
    public ClusterOperationException? NextFailure { get; set; }

    /// <summary>Watches whose enumeration has ended (cancelled or completed).</summary>
    public ConcurrentQueue<string> EndedWatches { get; } = new();

    public static ClusterView Demo(string ns = "kafka", string name = "demo", int brokers = 3) => new()
    {
        Namespace = ns,
        Name = name,
        Generation = 4,
        ObservedGeneration = 4,
        Phase = "Running",
        DesiredBrokers = brokers,
        DesiredControllers = 3,
        ReadyBrokers = brokers,
        ReadyControllers = 3,
        BootstrapServers = $"{name}-bootstrap.{ns}.svc:9092",
        Conditions =
        [
            new() { Type = "Ready", Status = "True", Reason = "AllNodesReady", Message = "3 of 3 brokers ready", LastTransitionTime = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero) },
        ],
        Nodes =
        [
            new() { Ordinal = 0, Role = "controller", Pod = $"{name}-controller-0", Phase = "Ready", Revision = "7f3a", Ready = true },
            new() { Ordinal = 0, Role = "broker", Pod = $"{name}-broker-0", Phase = "Ready", Revision = "7f3a", Ready = true },
        ],
        Operation = new() { Kind = "RollingRestart", Done = 1, Total = 3, Message = "Rolling broker 1" },
    };

    /// <summary>Forgets the calls so far (a shared host between tests).</summary>
    public void ClearCalls() => calls.Clear();

    public ClusterView Add(ClusterView view)
    {
        clusters[Key(view.Namespace, view.Name)] = view;
        return view;
    }

    /// <summary>Publishes a change to every current watcher of the cluster (buffered until each reads it).</summary>
    public void Publish(ClusterView view)
    {
        Add(view);
        Broadcast(Key(view.Namespace, view.Name), view);
    }

    /// <summary>Ends the cluster's watch streams, as a deletion would.</summary>
    public void Delete(string ns, string name)
    {
        clusters.TryRemove(Key(ns, name), out _);
        Broadcast(Key(ns, name), null);
    }

    public Task<IReadOnlyList<ClusterView>> ListClustersAsync(string? ns, CancellationToken cancellationToken)
    {
        calls.Enqueue($"List {ns ?? "*"}");
        IReadOnlyList<ClusterView> views = clusters.Values
            .Where(v => ns is null || v.Namespace == ns)
            .OrderBy(v => v.Namespace).ThenBy(v => v.Name).ToList();
        return Task.FromResult(views);
    }

    public Task<ClusterView> GetClusterAsync(string ns, string name, CancellationToken cancellationToken)
    {
        calls.Enqueue($"Get {ns}/{name}");
        return Task.FromResult(Find(ns, name));
    }

    public Task<ClusterView> ScaleBrokersAsync(string ns, string name, int brokers, CancellationToken cancellationToken) =>
        Mutate($"Scale {ns}/{name} {brokers}", ns, name, v => v with { DesiredBrokers = brokers, Generation = v.Generation + 1 });

    public Task<ClusterView> RequestRollingRestartAsync(string ns, string name, CancellationToken cancellationToken) =>
        Mutate($"Restart {ns}/{name}", ns, name, v => v with { Operation = new() { Kind = "RollingRestart", Total = v.Nodes.Count } });

    public Task<ClusterView> PauseAsync(string ns, string name, CancellationToken cancellationToken) =>
        Mutate($"Pause {ns}/{name}", ns, name, v => v with { Paused = true, Phase = "Paused" });

    public Task<ClusterView> ResumeAsync(string ns, string name, CancellationToken cancellationToken) =>
        Mutate($"Resume {ns}/{name}", ns, name, v => v with { Paused = false, Phase = "Running" });

    public Task<IReadOnlyList<ClusterEventView>> ListEventsAsync(string ns, string name, CancellationToken cancellationToken)
    {
        calls.Enqueue($"Events {ns}/{name}");
        Find(ns, name);
        IReadOnlyList<ClusterEventView> events =
        [
            new() { Type = "Normal", Reason = "BrokerRestarted", Message = $"Restarted {name}-broker-0", Time = new DateTimeOffset(2026, 11, 1, 12, 5, 0, TimeSpan.Zero), Count = 2 },
            new() { Type = "Warning", Reason = "BrokerNotReady", Message = $"{name}-broker-1 is not ready", Time = new DateTimeOffset(2026, 11, 1, 12, 6, 0, TimeSpan.Zero) },
        ];
        return Task.FromResult(events);
    }

    public async IAsyncEnumerable<ClusterView> WatchClusterAsync(string ns, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = Channel.CreateUnbounded<ClusterView?>();
        try
        {
            watchers[changes] = Key(ns, name); // subscribed before the call is visible to tests
            calls.Enqueue($"Watch {ns}/{name}");
            yield return Find(ns, name);
            while (true)
            {
                var next = await changes.Reader.ReadAsync(cancellationToken);
                if (next is null)
                {
                    yield break;
                }

                yield return next;
            }
        }
        finally
        {
            watchers.TryRemove(changes, out _);
            EndedWatches.Enqueue($"{ns}/{name}");
        }
    }

    private Task<ClusterView> Mutate(string call, string ns, string name, Func<ClusterView, ClusterView> change)
    {
        calls.Enqueue(call);
        if (NextFailure is { } failure)
        {
            NextFailure = null;
            throw failure;
        }

        var view = change(Find(ns, name));
        Add(view);
        return Task.FromResult(view);
    }

    private ClusterView Find(string ns, string name) =>
        clusters.TryGetValue(Key(ns, name), out var view) ? view : throw new ClusterNotFoundException(ns, name);

    private void Broadcast(string key, ClusterView? change)
    {
        foreach (var (watcher, watched) in watchers)
        {
            if (watched == key)
            {
                watcher.Writer.TryWrite(change);
            }
        }
    }

    private static string Key(string ns, string name) => $"{ns}/{name}";
}
