namespace Actors.Kafka.Safety;

/// <summary>
/// May a broker be removed? Open when it holds no replica; otherwise the topics still on it, in
/// order, fit for a <c>ScaleDownBlocked</c> condition and its Event.
/// </summary>
public sealed record RemovalVerdict(int BrokerId, IReadOnlyList<string> Topics, int ReplicaCount) : IGateVerdict
{
    public bool IsOpen => ReplicaCount == 0;

    public string Message => IsOpen
        ? $"broker {BrokerId} holds no partition replicas and may be removed"
        : $"broker {BrokerId} still holds {ReplicaCount} partition replica(s) of topic(s) {string.Join(", ", Topics)}; reassign them before removing it";

    public override string ToString() => Message;
}
