using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>A live broker as Metadata lists it: where clients reach it.</summary>
public sealed record MetadataBroker(int NodeId, string Host, int Port, string? Rack = null);

/// <summary>One partition: its leader, all replicas, the in-sync ones and (version 5+) the offline ones.</summary>
public sealed record MetadataPartition(
    short ErrorCode,
    int PartitionIndex,
    int LeaderId,
    int LeaderEpoch,
    IReadOnlyList<int> ReplicaNodes,
    IReadOnlyList<int> IsrNodes,
    IReadOnlyList<int> OfflineReplicas)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);
}

public sealed record MetadataTopic(
    short ErrorCode,
    string? Name,
    KafkaUuid TopicId,
    bool IsInternal,
    IReadOnlyList<MetadataPartition> Partitions,
    int TopicAuthorizedOperations = MetadataResponse.OperationsNotRequested)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);
}

/// <summary>
/// The Metadata response, versions 0-12 (flexible from 9). Fields a version lacks keep their
/// schema defaults: no throttle, null cluster id, controller -1, leader epoch -1, no offline
/// replicas, operations <see cref="OperationsNotRequested"/>.
/// </summary>
public sealed record MetadataResponse(
    int ThrottleTimeMs,
    IReadOnlyList<MetadataBroker> Brokers,
    string? ClusterId,
    int ControllerId,
    IReadOnlyList<MetadataTopic> Topics,
    int ClusterAuthorizedOperations = MetadataResponse.OperationsNotRequested)
{
    /// <summary>The schema's default for an authorized-operations bit field: not asked for.</summary>
    public const int OperationsNotRequested = int.MinValue;

    public void Write(KafkaWriter writer, short version)
    {
        var flexible = MetadataRequest.IsFlexible(version);
        if (version >= 3)
            writer.WriteInt32(ThrottleTimeMs);
        writer.WriteArray(Brokers, (w, broker) =>
        {
            w.WriteInt32(broker.NodeId);
            w.WriteString(broker.Host, flexible);
            w.WriteInt32(broker.Port);
            if (version >= 1)
                w.WriteNullableString(broker.Rack, flexible);
            if (flexible)
                w.WriteEmptyTaggedFields();
        }, flexible);
        if (version >= 2)
            writer.WriteNullableString(ClusterId, flexible);
        if (version >= 1)
            writer.WriteInt32(ControllerId);
        writer.WriteArray(Topics, (w, topic) => WriteTopic(w, topic, version, flexible), flexible);
        if (version is >= 8 and <= 10)
            writer.WriteInt32(ClusterAuthorizedOperations);
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    public static MetadataResponse Read(KafkaReader reader, short version)
    {
        var flexible = MetadataRequest.IsFlexible(version);
        var throttle = version >= 3 ? reader.ReadInt32("Metadata throttle time") : 0;
        var brokers = reader.ReadArray("Metadata brokers", r =>
        {
            var broker = new MetadataBroker(
                r.ReadInt32("Metadata broker node id"),
                r.ReadString("Metadata broker host", flexible),
                r.ReadInt32("Metadata broker port"),
                version >= 1 ? r.ReadNullableString("Metadata broker rack", flexible) : null);
            if (flexible)
                r.SkipTaggedFields("Metadata broker tagged fields");
            return broker;
        }, flexible);
        var clusterId = version >= 2 ? reader.ReadNullableString("Metadata cluster id", flexible) : null;
        var controllerId = version >= 1 ? reader.ReadInt32("Metadata controller id") : -1;
        var topics = reader.ReadArray("Metadata topics", r => ReadTopic(r, version, flexible), flexible);
        var clusterOperations = version is >= 8 and <= 10 ? reader.ReadInt32("Metadata cluster authorized operations") : OperationsNotRequested;
        if (flexible)
            reader.SkipTaggedFields("Metadata tagged fields");
        return new MetadataResponse(throttle, brokers, clusterId, controllerId, topics, clusterOperations);
    }

    private static void WriteTopic(KafkaWriter writer, MetadataTopic topic, short version, bool flexible)
    {
        writer.WriteInt16(topic.ErrorCode);
        if (version >= 12)
            writer.WriteNullableString(topic.Name, compact: true);
        else
            writer.WriteString(topic.Name ?? throw new InvalidOperationException($"Metadata v{version} names every topic"), flexible);
        if (version >= 10)
            writer.WriteUuid(topic.TopicId);
        if (version >= 1)
            writer.WriteBool(topic.IsInternal);
        writer.WriteArray(topic.Partitions, (w, partition) =>
        {
            w.WriteInt16(partition.ErrorCode);
            w.WriteInt32(partition.PartitionIndex);
            w.WriteInt32(partition.LeaderId);
            if (version >= 7)
                w.WriteInt32(partition.LeaderEpoch);
            w.WriteArray(partition.ReplicaNodes, static (nw, id) => nw.WriteInt32(id), flexible);
            w.WriteArray(partition.IsrNodes, static (nw, id) => nw.WriteInt32(id), flexible);
            if (version >= 5)
                w.WriteArray(partition.OfflineReplicas, static (nw, id) => nw.WriteInt32(id), flexible);
            if (flexible)
                w.WriteEmptyTaggedFields();
        }, flexible);
        if (version >= 8)
            writer.WriteInt32(topic.TopicAuthorizedOperations);
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    private static MetadataTopic ReadTopic(KafkaReader reader, short version, bool flexible)
    {
        var errorCode = reader.ReadInt16("Metadata topic error code");
        var name = version >= 12
            ? reader.ReadCompactNullableString("Metadata topic name")
            : reader.ReadString("Metadata topic name", flexible);
        var id = version >= 10 ? reader.ReadUuid("Metadata topic id") : KafkaUuid.Zero;
        var isInternal = version >= 1 && reader.ReadBool("Metadata topic is internal");
        var partitions = reader.ReadArray("Metadata partitions", r =>
        {
            var partitionError = r.ReadInt16("Metadata partition error code");
            var index = r.ReadInt32("Metadata partition index");
            var leader = r.ReadInt32("Metadata partition leader id");
            var epoch = version >= 7 ? r.ReadInt32("Metadata partition leader epoch") : -1;
            var replicas = r.ReadArray("Metadata partition replica nodes", static nr => nr.ReadInt32("replica node id"), flexible);
            var isr = r.ReadArray("Metadata partition isr nodes", static nr => nr.ReadInt32("isr node id"), flexible);
            IReadOnlyList<int> offline = version >= 5
                ? r.ReadArray("Metadata partition offline replicas", static nr => nr.ReadInt32("offline replica id"), flexible)
                : [];
            if (flexible)
                r.SkipTaggedFields("Metadata partition tagged fields");
            return new MetadataPartition(partitionError, index, leader, epoch, replicas, isr, offline);
        }, flexible);
        var operations = version >= 8 ? reader.ReadInt32("Metadata topic authorized operations") : OperationsNotRequested;
        if (flexible)
            reader.SkipTaggedFields("Metadata topic tagged fields");
        return new MetadataTopic(errorCode, name, id, isInternal, partitions, operations);
    }
}
