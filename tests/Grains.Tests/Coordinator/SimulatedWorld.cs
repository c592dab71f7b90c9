using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>
/// A tiny Kubernetes for the coordinator: pods that take a few ticks to become Ready, deletions
/// that take a tick, PVCs, node ConfigMaps (written with the pod, only when it has none), uid preconditions and AlreadyExists — and a ledger of everything done,
/// so tests can check the order of steps and count violations of the invariants.
/// </summary>
internal sealed class SimulatedWorld
{
    private sealed class Pod
    {
        public required string Uid;
        public required string Revision;
        public PodPhase Phase = PodPhase.Pending;
        public bool Ready;
        public DateTimeOffset? ReadySince;
        public bool Terminating;
        public int Age;
        /// <summary>A pod held down "on its own" (crash loop, node failure) until released.</summary>
        public bool Broken;
    }

    private readonly Dictionary<NodeKey, Pod> pods = new();
    private readonly HashSet<NodeKey> volumes = new();

    /// <summary>Each node's ConfigMap, by the revision it was rendered at.</summary>
    private readonly Dictionary<NodeKey, string> configs = new();

    /// <summary>Nodes restarted by a roll whose new pod has not been Ready yet.</summary>
    private readonly HashSet<NodeKey> comingBack = new();
    private int nextUid;

    public DateTimeOffset Now { get; private set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ticks a new pod needs from creation to Ready.</summary>
    public int TicksToReady { get; init; } = 2;

    public string? MetadataVersion { get; set; }
    public NodeKey? ActiveController { get; set; }

    public List<RolloutStep> Applied { get; } = [];
    public List<string> Violations { get; } = [];

    /// <summary>Pod instances deleted for a roll, by node and by the revision the node was to run.</summary>
    public List<(NodeKey Node, string Uid, string Revision)> RollDeletions { get; } = [];

    /// <summary>Creations, each with whether every node before it in start order was Ready then.</summary>
    public List<(NodeKey Node, bool PredecessorsReady)> Creations { get; } = [];

    /// <summary>Starts a running cluster: every node Ready for a long time at the given revisions.</summary>
    public static SimulatedWorld Running(DesiredCluster desired, int ticksToReady = 2)
    {
        var world = new SimulatedWorld { TicksToReady = ticksToReady };
        foreach (var (key, revision) in desired.Revisions)
        {
            world.volumes.Add(key);
            world.configs[key] = revision;
            world.pods[key] = new Pod
            {
                Uid = world.NewUid(), Revision = revision, Phase = PodPhase.Running, Ready = true,
                ReadySince = world.Now.AddHours(-1), Age = 100,
            };
        }

        return world;
    }

    private string NewUid() => $"uid-{++nextUid}";

    public ObservedCluster Observe() => new(
        pods.Keys.Union(volumes).Union(configs.Keys).Select(key => new ObservedNode(key,
            pods.TryGetValue(key, out var pod)
                ? new ObservedPod(pod.Uid, pod.Revision, pod.Phase, pod.Ready, pod.ReadySince, pod.Terminating)
                : null,
            volumes.Contains(key),
            configs.ContainsKey(key))).ToArray(),
        MetadataVersion,
        ActiveController);

    public bool HasPod(NodeKey key) => pods.ContainsKey(key);
    public bool HasVolume(NodeKey key) => volumes.Contains(key);
    public string? RevisionOf(NodeKey key) => pods.TryGetValue(key, out var pod) ? pod.Revision : null;
    public string? UidOf(NodeKey key) => pods.TryGetValue(key, out var pod) ? pod.Uid : null;
    public IEnumerable<NodeKey> Pods => pods.Keys;
    public IEnumerable<NodeKey> Volumes => volumes;
    public IEnumerable<NodeKey> Configs => configs.Keys;
    public string? ConfigRevisionOf(NodeKey key) => configs.GetValueOrDefault(key);

    public bool IsAvailable(NodeKey key, TimeSpan minReady) =>
        pods.TryGetValue(key, out var pod) && !pod.Terminating && pod.Phase == PodPhase.Running && pod.Ready
        && pod.ReadySince is { } since && Now - since >= minReady;

    /// <summary>Unavailable nodes as the invariant counts them: existing members and leaving nodes with a pod.</summary>
    public int Unavailable(DesiredCluster desired) =>
        pods.Keys.Union(volumes)
            .Where(key => desired.IsMember(key) || pods.ContainsKey(key))
            .Count(key => !IsAvailable(key, desired.Rollout.MinReady));

    /// <summary>Makes a pod fail on its own (not Ready) until <see cref="Heal"/>.</summary>
    public void Break(NodeKey key)
    {
        if (!pods.TryGetValue(key, out var pod)) return;
        pod.Broken = true;
        pod.Ready = false;
        pod.ReadySince = null;
    }

    public void Heal(NodeKey key)
    {
        if (pods.TryGetValue(key, out var pod)) pod.Broken = false;
    }

    public void MarkFailed(NodeKey key)
    {
        if (!pods.TryGetValue(key, out var pod)) return;
        pod.Phase = PodPhase.Failed;
        pod.Ready = false;
        pod.ReadySince = null;
    }

    public void DeletePodOutOfBand(NodeKey key) => pods.Remove(key);

    public void Apply(RolloutStep step, DesiredCluster desired)
    {
        Applied.Add(step);
        switch (step)
        {
            case CreateNode create:
                if (pods.ContainsKey(create.Node)) return; // AlreadyExists: the cache was behind
                if (create.CreateVolume && !volumes.Add(create.Node))
                    Violations.Add($"{create.Node}: asked to create a volume that exists");
                if (!create.CreateVolume && !volumes.Contains(create.Node))
                    Violations.Add($"{create.Node}: created without a volume");
                var predecessors = desired.MembersInStartOrder().TakeWhile(k => k != create.Node);
                Creations.Add((create.Node, predecessors.All(k => IsAvailable(k, desired.Rollout.MinReady))));
                configs[create.Node] = create.Revision;
                pods[create.Node] = new Pod { Uid = NewUid(), Revision = create.Revision };
                break;
            case DeleteNodePod delete:
                if (pods.TryGetValue(delete.Node, out var victim) && victim.Uid == delete.PodUid && !victim.Terminating)
                {
                    victim.Terminating = true;
                    if (delete.Reason == PodDeletionReason.Roll)
                    {
                        foreach (var earlier in comingBack.Where(n => n != delete.Node))
                            Violations.Add($"{delete.Node} restarted while {earlier} is still coming back");
                        comingBack.Add(delete.Node);
                        RollDeletions.Add((delete.Node, victim.Uid, desired.Revisions[delete.Node]));
                    }
                }

                break;
            case RemoveNode remove:
                if (pods.TryGetValue(remove.Node, out var leaving) && leaving.Uid == remove.PodUid)
                    leaving.Terminating = true;
                break;
            case DeleteNodeConfig deleteConfig:
                if (pods.ContainsKey(deleteConfig.Node))
                    Violations.Add($"{deleteConfig.Node}: config map deleted while its pod exists");
                configs.Remove(deleteConfig.Node);
                break;
            case DeletePvc deletePvc:
                if (pods.ContainsKey(deletePvc.Node))
                    Violations.Add($"{deletePvc.Node}: volume deleted while its pod exists");
                volumes.Remove(deletePvc.Node);
                break;
            case RaiseMetadataVersion raise:
                if (desired.Revisions.Any(p => RevisionOf(p.Key) != p.Value))
                    Violations.Add($"metadata version raised to {raise.To} before every node runs the new version");
                MetadataVersion = raise.To;
                break;
        }
    }

    /// <summary>One second passes: stopping pods go away, new pods start and become Ready.</summary>
    public void Tick()
    {
        Now = Now.AddSeconds(1);
        foreach (var (key, pod) in pods.ToArray())
        {
            if (pod.Terminating)
            {
                pods.Remove(key);
                continue;
            }

            pod.Age++;
            if (pod.Phase == PodPhase.Pending && pod.Age >= 1) pod.Phase = PodPhase.Running;
            if (pod.Phase == PodPhase.Running && !pod.Ready && !pod.Broken && pod.Age >= TicksToReady)
            {
                pod.Ready = true;
                pod.ReadySince = Now;
            }

            // Back once the replacement pod has been Ready; failing later is a failure of its own.
            if (pod.Ready && comingBack.Contains(key) && !RollDeletions.Any(d => d.Node == key && d.Uid == pod.Uid))
                comingBack.Remove(key);
        }
    }
}
