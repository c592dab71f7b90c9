namespace Actors.Kafka.Safety;

/// <summary>
/// May a broker restart now? Open when nothing holds it; otherwise the partitions that do, in
/// topic-partition order, and a message that names them (the first few, then how many more),
/// fit for a <c>RollBlocked</c> condition and its Event.
/// </summary>
public sealed record RestartVerdict(int BrokerId, IReadOnlyList<RestartHold> Holds) : IGateVerdict
{
    /// <summary>How many partitions a message names before it counts the rest: conditions stay readable.</summary>
    public const int NamedInMessage = 5;

    public bool IsOpen => Holds.Count == 0;

    public string Message
    {
        get
        {
            if (IsOpen)
                return $"broker {BrokerId} may restart: every partition it hosts keeps min.insync.replicas without it";
            var named = string.Join("; ", Holds.Take(NamedInMessage));
            var more = Holds.Count > NamedInMessage ? $"; and {Holds.Count - NamedInMessage} more partition(s)" : "";
            return $"broker {BrokerId} must not restart yet: {named}{more}";
        }
    }

    public override string ToString() => Message;
}
