using Actors.Contracts.Api;
using Actors.Contracts.Proto;
using Google.Protobuf.WellKnownTypes;

namespace Actors.Silo.Grpc;

/// <summary>API views as actors.v1 messages.</summary>
public static class ClusterProtoMapping
{
    public static Cluster ToProto(this ClusterView view)
    {
        var cluster = new Cluster
        {
            Namespace = view.Namespace,
            Name = view.Name,
            Generation = view.Generation,
            ObservedGeneration = view.ObservedGeneration,
            Phase = view.Phase,
            DesiredBrokers = view.DesiredBrokers,
            DesiredControllers = view.DesiredControllers,
            ReadyBrokers = view.ReadyBrokers,
            ReadyControllers = view.ReadyControllers,
            BootstrapServers = view.BootstrapServers,
            Paused = view.Paused,
            Operation = view.Operation is { } op
                ? new Operation { Kind = op.Kind, Done = op.Done, Total = op.Total, Message = op.Message }
                : null,
        };
        cluster.Conditions.Add(view.Conditions.Select(c => new Condition
        {
            Type = c.Type,
            Status = c.Status,
            Reason = c.Reason,
            Message = c.Message,
            LastTransitionTime = Timestamp.FromDateTimeOffset(c.LastTransitionTime),
        }));
        cluster.Nodes.Add(view.Nodes.Select(n => new Node
        {
            Ordinal = n.Ordinal,
            Role = n.Role,
            Pod = n.Pod,
            Phase = n.Phase,
            Revision = n.Revision,
            Ready = n.Ready,
        }));
        return cluster;
    }

    public static ClusterEvent ToProto(this ClusterEventView view) => new()
    {
        Type = view.Type,
        Reason = view.Reason,
        Message = view.Message,
        Time = Timestamp.FromDateTimeOffset(view.Time),
        Count = view.Count,
    };
}
