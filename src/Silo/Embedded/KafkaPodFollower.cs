using System.Globalization;
using Actors.Emulator.Kubelet;
using Actors.Grains.Identity;
using Actors.Kafka.Peer.Model;

namespace Actors.Silo.Embedded;

/// <summary>
/// Embedded mode's Kafka follows the pods the simulated kubelet runs, as a real cluster follows its
/// processes. A broker whose pod is not Ready is down: it leaves its partitions' ISRs and its
/// leaderships move. Once Ready it is listed again but rejoins the ISRs only after
/// <see cref="CatchUp"/> — a Ready pod is not yet an in-sync replica, which is what the
/// operator's Kafka checks wait for. A controller whose pod is not Ready falls behind the quorum's
/// leader (the leadership moves to a caught-up voter); Ready, it catches up after the same time.
/// Acts on changes only: the kubelet reports every step.
/// </summary>
public sealed class KafkaPodFollower : IDisposable
{
    /// <summary>How far behind a voter whose pod is not Ready is reported: it fetches nothing meanwhile.</summary>
    public static readonly TimeSpan VoterBehind = TimeSpan.FromSeconds(30);

    private const long VoterOffsetsBehind = 500;

    private readonly ClusterIdentity _cluster;
    private readonly ClusterModel _model;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeIdentity> _nodesByPod = new(StringComparer.Ordinal);
    private readonly Dictionary<int, bool> _ready = [];
    private readonly Dictionary<int, ITimer> _catchingUp = [];

    /// <summary>Starts with every node down (no pod runs yet); the model's nodes are numbered as the operator numbers them.</summary>
    public KafkaPodFollower(ClusterIdentity cluster, ClusterModel model, TimeSpan catchUp, TimeProvider time)
    {
        _cluster = cluster;
        _model = model;
        _time = time;
        CatchUp = catchUp;
        var state = model.State;
        foreach (var broker in state.Brokers)
            _nodesByPod[cluster.Node(NodeKey.Broker(broker.NodeId)).PodName] = cluster.Node(NodeKey.Broker(broker.NodeId));
        foreach (var voter in state.Quorum.Voters)
        {
            var node = cluster.Node(NodeKey.Controller(voter.NodeId - NodeIdentity.ControllerNodeIdBase));
            _nodesByPod[node.PodName] = node;
        }

        foreach (var node in _nodesByPod.Values)
            Down(node);
    }

    /// <summary>How long a node whose pod became Ready takes to be in sync again.</summary>
    public TimeSpan CatchUp { get; }

    /// <summary>One step of the kubelet on one pod; pods of other clusters are not this Kafka's.</summary>
    public void Follow(PodRun run)
    {
        if (run.Namespace != _cluster.Namespace) return;
        lock (_gate)
        {
            if (!_nodesByPod.TryGetValue(run.Name, out var node) && (node = NewBroker(run.Name)) is null) return;
            if (_ready.TryGetValue(node.NodeId, out var was) && was == run.Ready) return;
            if (run.Ready) Up(node);
            else Down(node);
        }
    }

    /// <summary>
    /// A broker pod beyond the ones the cluster started with (a scale-out): the broker registers
    /// with the cluster, holding no replicas until some are moved to it, as a new Kafka broker does.
    /// </summary>
    private NodeIdentity? NewBroker(string pod)
    {
        var prefix = $"{_cluster.Name}-broker-";
        if (!pod.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(pod.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            || ordinal >= NodeIdentity.MaxBrokers)
            return null;
        var node = _cluster.Node(NodeKey.Broker(ordinal));
        if (node.PodName != pod) return null; // leading zeros: not a name the operator gives
        _model.Update(s =>
        {
            // It runs the software its peers run.
            var support = s.Nodes.Count > 0 ? s.Nodes[^1] with { NodeId = node.NodeId } : new NodeFeatureSupport(node.NodeId, 1, s.MetadataVersionLevel);
            return s.WithBroker(new PeerBroker(node.NodeId, IsUp: false)).WithNodeSupport(support) with
                {
                    Quorum = s.Quorum with { Observers = [.. s.Quorum.Observers, node.NodeId] },
                };
        });
        _nodesByPod[pod] = node;
        return node;
    }

    private void Up(NodeIdentity node)
    {
        _ready[node.NodeId] = true;
        if (node.Role == NodeRole.Broker)
        {
            _model.BrokerReady(node.NodeId, CatchUp);
            return;
        }

        StopCatchingUp(node.NodeId);
        _catchingUp[node.NodeId] = _time.CreateTimer(_ => VoterCaughtUp(node.NodeId), null, CatchUp, Timeout.InfiniteTimeSpan);
    }

    private void Down(NodeIdentity node)
    {
        _ready[node.NodeId] = false;
        if (node.Role == NodeRole.Broker)
        {
            if (_model.State.RequireBroker(node.NodeId).IsUp) _model.BrokerDown(node.NodeId);
            return;
        }

        StopCatchingUp(node.NodeId);
        _model.Update(s =>
        {
            var quorum = s.Quorum.WithVoter(s.Quorum.RequireVoter(node.NodeId) with
            {
                OffsetLag = VoterOffsetsBehind, CaughtUpLag = VoterBehind, FetchLag = VoterBehind,
            });
            if (quorum.LeaderId != node.NodeId) return s with { Quorum = quorum };
            var successor = quorum.Voters.FirstOrDefault(v => v.NodeId != node.NodeId && v.IsCaughtUp);
            return s with { Quorum = successor is null ? quorum with { LeaderId = QuorumState.NoLeader } : quorum.WithLeader(successor.NodeId) };
        });
    }

    private void VoterCaughtUp(int nodeId)
    {
        lock (_gate)
        {
            if (!_catchingUp.Remove(nodeId, out var timer)) return;
            timer.Dispose();
            _model.Update(s =>
            {
                var quorum = s.Quorum.WithVoter(s.Quorum.RequireVoter(nodeId).CaughtUp());
                // A quorum without a leader elects the first voter that can lead.
                return s with { Quorum = quorum.LeaderId == QuorumState.NoLeader ? quorum.WithLeader(nodeId) : quorum };
            });
        }
    }

    private void StopCatchingUp(int nodeId)
    {
        if (_catchingUp.Remove(nodeId, out var timer)) timer.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _catchingUp.Values) timer.Dispose();
            _catchingUp.Clear();
        }
    }
}
