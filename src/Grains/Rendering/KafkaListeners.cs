using Actors.Contracts.Kafka;

namespace Actors.Grains.Rendering;

/// <summary>A listener as Kafka sees it: upper-case name, port, security protocol.</summary>
public sealed record KafkaListener(string Name, int Port, string SecurityProtocol);

/// <summary>
/// The listeners every node gets: two the operator owns (the KRaft controller listener and the
/// brokers' replication listener) and the client listeners from the spec.
/// </summary>
public static class KafkaListeners
{
    public static readonly KafkaListener Controller = new("CONTROLLER", 9093, "PLAINTEXT");
    public static readonly KafkaListener Replication = new("REPLICATION", 9091, "PLAINTEXT");

    /// <summary>The client listener a spec without listeners gets.</summary>
    public static readonly ListenerSpec DefaultClientListener = new() { Name = "plain", Port = 9092, Type = KafkaSpecValues.Internal, Tls = false };

    public static IReadOnlyList<int> ReservedPorts { get; } = [Controller.Port, Replication.Port];
    public static IReadOnlyList<string> ReservedNames { get; } = [Controller.Name, Replication.Name];

    /// <summary>Client listeners of a valid spec, the default one when none are given.</summary>
    public static IReadOnlyList<KafkaListener> Client(KafkaClusterSpec spec)
    {
        var listeners = spec.Listeners is { Count: > 0 } given ? given : [DefaultClientListener];
        return listeners.Select(l => new KafkaListener(l.Name!.ToUpperInvariant(), l.Port!.Value, "PLAINTEXT")).ToArray();
    }
}
