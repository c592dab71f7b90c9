using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>
/// One voter or observer as the quorum leader sees it. Timestamps are the leader's wall clock
/// in epoch milliseconds, -1 when unknown (and in version 0, which lacks them).
/// </summary>
public sealed record ReplicaState(
    int ReplicaId,
    long LogEndOffset,
    long LastFetchTimestamp = -1,
    long LastCaughtUpTimestamp = -1,
    KafkaUuid ReplicaDirectoryId = default);

/// <summary>The quorum of one metadata-log partition.</summary>
public sealed record QuorumPartition(
    int PartitionIndex,
    short ErrorCode,
    string? ErrorMessage,
    int LeaderId,
    int LeaderEpoch,
    long HighWatermark,
    IReadOnlyList<ReplicaState> CurrentVoters,
    IReadOnlyList<ReplicaState> Observers)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);
}

public sealed record QuorumTopic(string TopicName, IReadOnlyList<QuorumPartition> Partitions);

public sealed record QuorumListener(string Name, string Host, ushort Port);

/// <summary>A voter's endpoints (version 2).</summary>
public sealed record QuorumNode(int NodeId, IReadOnlyList<QuorumListener> Listeners);

/// <summary>The DescribeQuorum response, versions 0-2 (all flexible).</summary>
public sealed record DescribeQuorumResponse(
    short ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<QuorumTopic> Topics,
    IReadOnlyList<QuorumNode> Nodes)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);

    public void Write(KafkaWriter writer, short version)
    {
        writer.WriteInt16(ErrorCode);
        if (version >= 2)
            writer.WriteCompactNullableString(ErrorMessage);
        writer.WriteCompactArray(Topics, (w, topic) =>
        {
            w.WriteCompactString(topic.TopicName);
            w.WriteCompactArray(topic.Partitions, (pw, partition) => WritePartition(pw, partition, version));
            w.WriteEmptyTaggedFields();
        });
        if (version >= 2)
            writer.WriteCompactArray(Nodes, WriteNode);
        writer.WriteEmptyTaggedFields();
    }

    public static DescribeQuorumResponse Read(KafkaReader reader, short version)
    {
        var errorCode = reader.ReadInt16("DescribeQuorum error code");
        var errorMessage = version >= 2 ? reader.ReadCompactNullableString("DescribeQuorum error message") : null;
        var topics = reader.ReadCompactArray("DescribeQuorum topics", r =>
        {
            var name = r.ReadCompactString("DescribeQuorum topic name");
            var partitions = r.ReadCompactArray("DescribeQuorum partitions", pr => ReadPartition(pr, version));
            r.SkipTaggedFields("DescribeQuorum topic tagged fields");
            return new QuorumTopic(name, partitions);
        });
        IReadOnlyList<QuorumNode> nodes = version >= 2 ? reader.ReadCompactArray("DescribeQuorum nodes", ReadNode) : [];
        reader.SkipTaggedFields("DescribeQuorum tagged fields");
        return new DescribeQuorumResponse(errorCode, errorMessage, topics, nodes);
    }

    private static void WritePartition(KafkaWriter writer, QuorumPartition partition, short version)
    {
        writer.WriteInt32(partition.PartitionIndex);
        writer.WriteInt16(partition.ErrorCode);
        if (version >= 2)
            writer.WriteCompactNullableString(partition.ErrorMessage);
        writer.WriteInt32(partition.LeaderId);
        writer.WriteInt32(partition.LeaderEpoch);
        writer.WriteInt64(partition.HighWatermark);
        writer.WriteCompactArray(partition.CurrentVoters, (w, replica) => WriteReplica(w, replica, version));
        writer.WriteCompactArray(partition.Observers, (w, replica) => WriteReplica(w, replica, version));
        writer.WriteEmptyTaggedFields();
    }

    private static QuorumPartition ReadPartition(KafkaReader reader, short version)
    {
        var index = reader.ReadInt32("DescribeQuorum partition index");
        var errorCode = reader.ReadInt16("DescribeQuorum partition error code");
        var errorMessage = version >= 2 ? reader.ReadCompactNullableString("DescribeQuorum partition error message") : null;
        var leaderId = reader.ReadInt32("DescribeQuorum leader id");
        var leaderEpoch = reader.ReadInt32("DescribeQuorum leader epoch");
        var highWatermark = reader.ReadInt64("DescribeQuorum high watermark");
        var voters = reader.ReadCompactArray("DescribeQuorum current voters", r => ReadReplica(r, version));
        var observers = reader.ReadCompactArray("DescribeQuorum observers", r => ReadReplica(r, version));
        reader.SkipTaggedFields("DescribeQuorum partition tagged fields");
        return new QuorumPartition(index, errorCode, errorMessage, leaderId, leaderEpoch, highWatermark, voters, observers);
    }

    private static void WriteReplica(KafkaWriter writer, ReplicaState replica, short version)
    {
        writer.WriteInt32(replica.ReplicaId);
        if (version >= 2)
            writer.WriteUuid(replica.ReplicaDirectoryId);
        writer.WriteInt64(replica.LogEndOffset);
        if (version >= 1)
        {
            writer.WriteInt64(replica.LastFetchTimestamp);
            writer.WriteInt64(replica.LastCaughtUpTimestamp);
        }
        writer.WriteEmptyTaggedFields();
    }

    private static ReplicaState ReadReplica(KafkaReader reader, short version)
    {
        var id = reader.ReadInt32("DescribeQuorum replica id");
        var directoryId = version >= 2 ? reader.ReadUuid("DescribeQuorum replica directory id") : KafkaUuid.Zero;
        var logEndOffset = reader.ReadInt64("DescribeQuorum replica log end offset");
        long lastFetch = -1, lastCaughtUp = -1;
        if (version >= 1)
        {
            lastFetch = reader.ReadInt64("DescribeQuorum replica last fetch timestamp");
            lastCaughtUp = reader.ReadInt64("DescribeQuorum replica last caught-up timestamp");
        }
        reader.SkipTaggedFields("DescribeQuorum replica tagged fields");
        return new ReplicaState(id, logEndOffset, lastFetch, lastCaughtUp, directoryId);
    }

    private static void WriteNode(KafkaWriter writer, QuorumNode node)
    {
        writer.WriteInt32(node.NodeId);
        writer.WriteCompactArray(node.Listeners, static (w, listener) =>
        {
            w.WriteCompactString(listener.Name);
            w.WriteCompactString(listener.Host);
            w.WriteUInt16(listener.Port);
            w.WriteEmptyTaggedFields();
        });
        writer.WriteEmptyTaggedFields();
    }

    private static QuorumNode ReadNode(KafkaReader reader)
    {
        var id = reader.ReadInt32("DescribeQuorum node id");
        var listeners = reader.ReadCompactArray("DescribeQuorum node listeners", static r =>
        {
            var listener = new QuorumListener(
                r.ReadCompactString("DescribeQuorum listener name"),
                r.ReadCompactString("DescribeQuorum listener host"),
                r.ReadUInt16("DescribeQuorum listener port"));
            r.SkipTaggedFields("DescribeQuorum listener tagged fields");
            return listener;
        });
        reader.SkipTaggedFields("DescribeQuorum node tagged fields");
        return new QuorumNode(id, listeners);
    }
}
