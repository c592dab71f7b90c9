using Actors.Grains.Coordinator;
using Actors.Grains.Identity;

namespace Actors.Grains.KafkaSafety;

/// <summary>
/// What the Kafka gate asks Kafka for one gate question, decided from the plan and what is
/// observed. Pure. A broker's restart asks about its ISRs, a broker's removal about its replicas,
/// a controller's restart about the quorum (with the controllers this roll has still to restart,
/// so the active one goes last). A node whose pod is not Ready takes nothing more from the cluster
/// by restarting (it may be the very node a fixed spec has to restart), a leaving controller
/// holds no partitions, and a lone controller cannot keep a quorum without itself whatever Kafka
/// says (the spec chose a metadata outage on its restart, as the coordinator allows): none asks Kafka.
/// </summary>
public abstract record KafkaQuestion
{
    public static KafkaQuestion For(HealthGateQuestion question, NodeIdentity node, ObservedCluster observed, DesiredCluster desired)
    {
        if (question == HealthGateQuestion.CanRestart && observed.Find(node.Key)?.Pod is not { Ready: true, Terminating: false })
            return new NoKafkaQuestion($"{node.Key} is not ready, so restarting it takes nothing more from Kafka");
        return (question, node.Role) switch
        {
            (HealthGateQuestion.CanRestart, NodeRole.Broker) => new MayRestartBroker(node.NodeId),
            (HealthGateQuestion.CanRestart, NodeRole.Controller) when desired.Replicas(NodeRole.Controller) <= 1 =>
                new NoKafkaQuestion($"{node.Key} is the only controller: no quorum can stay available without it"),
            (HealthGateQuestion.CanRestart, NodeRole.Controller) => new MayRestartController(node.NodeId, ControllersAwaitingRestart(node.Cluster, observed, desired)),
            (HealthGateQuestion.IsDrained, NodeRole.Broker) => new MayRemoveBroker(node.NodeId),
            _ => new NoKafkaQuestion($"{node.Key} is a controller and holds no partition replicas"),
        };
    }

    /// <summary>Node ids of the controllers whose pod runs another revision than the plan's.</summary>
    public static IReadOnlyCollection<int> ControllersAwaitingRestart(ClusterIdentity cluster, ObservedCluster observed, DesiredCluster desired) =>
        desired.Revisions
            .Where(m => m.Key.Role == NodeRole.Controller && observed.Find(m.Key)?.Pod is { } pod && pod.Revision != m.Value)
            .Select(m => cluster.Node(m.Key).NodeId)
            .Order()
            .ToArray();
}

/// <summary>Nothing to ask Kafka: readiness alone decides, for the reason given.</summary>
public sealed record NoKafkaQuestion(string Reason) : KafkaQuestion;

public sealed record MayRestartBroker(int BrokerId) : KafkaQuestion;

public sealed record MayRestartController(int ControllerId, IReadOnlyCollection<int> AwaitingRestart) : KafkaQuestion;

public sealed record MayRemoveBroker(int BrokerId) : KafkaQuestion;
