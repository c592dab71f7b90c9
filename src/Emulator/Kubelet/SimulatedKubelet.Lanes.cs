namespace Actors.Emulator.Kubelet;

// Who works which key. A real cluster runs one kubelet per node, each working its own pods, beside
// one scheduler and one volume binder; so here each node's pods have a worker of their own, and the
// scheduler's part (pods not yet on one of these nodes, and pods gone), the claims and the node
// heartbeats one worker each. A pod moves from the scheduler's lane to its node's when it is bound;
// the queue keeps its steps from overlapping across that move.
public sealed partial class SimulatedKubelet
{
    const string SchedulerLane = "scheduler";
    const string VolumesLane = "volumes";
    const string HeartbeatsLane = "heartbeats";

    static string NodeLane(string node) => $"node/{node}";

    IEnumerable<string> Lanes() => [SchedulerLane, VolumesLane, HeartbeatsLane, .. Options.NodeNames.Select(NodeLane)];

    string LaneOf(string key)
    {
        if (key.StartsWith(ClaimKey, StringComparison.Ordinal)) return VolumesLane;
        if (!key.StartsWith(PodKey, StringComparison.Ordinal)) return HeartbeatsLane;
        var (@namespace, name) = Split(key[PodKey.Length..]);
        var node = pods.Get(name, @namespace)?.Spec?.NodeName;
        return NodeIndex(node) >= 0 ? NodeLane(node!) : SchedulerLane;
    }
}
