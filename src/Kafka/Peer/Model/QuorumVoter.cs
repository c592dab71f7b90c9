using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// A controller in the KRaft quorum, described by how far it trails the leader rather than by
/// absolute offsets and times, so a test says "voter 2 is 30 s behind" and the peer turns that
/// into the timestamps DescribeQuorum reports at the moment it is asked.
/// </summary>
public sealed record QuorumVoter(
    int NodeId,
    string Host,
    ushort Port,
    long OffsetLag = 0,
    TimeSpan CaughtUpLag = default,
    TimeSpan FetchLag = default,
    KafkaUuid DirectoryId = default)
{
    public bool IsCaughtUp => OffsetLag == 0 && CaughtUpLag == TimeSpan.Zero;

    public QuorumVoter CaughtUp() => this with { OffsetLag = 0, CaughtUpLag = TimeSpan.Zero, FetchLag = TimeSpan.Zero };
}
