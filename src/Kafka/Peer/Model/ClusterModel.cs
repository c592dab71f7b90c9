using Actors.Kafka.Features;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// The peer's live cluster state, shared by the connections that answer from it and the test
/// (or embedded-mode simulation) that drives it. Changes swap a whole immutable
/// <see cref="ClusterState"/>, so every answer sees one consistent moment. Time moves only
/// through <see cref="Time"/>: brokers catching up rejoin their ISRs when the state is next
/// looked at after their moment, so a test with a fake clock decides exactly when.
/// </summary>
public sealed class ClusterModel(ClusterState initial, TimeProvider? time = null)
{
    private readonly Lock _gate = new();
    private ClusterState _state = initial;

    /// <summary>The clock DescribeQuorum timestamps and ISR catch-up are computed from.</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public ClusterState State
    {
        get
        {
            lock (_gate)
                return _state = _state.CaughtUpAt(Time.GetUtcNow());
        }
    }

    /// <summary>Applies a change atomically and returns what it produced alongside the new state.</summary>
    public T Update<T>(Func<ClusterState, (ClusterState Next, T Result)> change)
    {
        lock (_gate)
        {
            var (next, result) = change(_state.CaughtUpAt(Time.GetUtcNow()));
            _state = next;
            return result;
        }
    }

    public void Update(Func<ClusterState, ClusterState> change) => Update(s => (change(s), 0));

    public void ElectLeader(int nodeId) => Update(s => s with { Quorum = s.Quorum.WithLeader(nodeId) });

    /// <summary>No leader: an election in progress.</summary>
    public void LoseLeader() => Update(s => s with { Quorum = s.Quorum with { LeaderId = QuorumState.NoLeader } });

    public void SetVoterLag(int nodeId, long offsetLag, TimeSpan caughtUpLag) => Update(s => s with
    {
        Quorum = s.Quorum.WithVoter(s.Quorum.RequireVoter(nodeId) with { OffsetLag = offsetLag, CaughtUpLag = caughtUpLag }),
    });

    public void CatchUpVoter(int nodeId) => Update(s => s with
    {
        Quorum = s.Quorum.WithVoter(s.Quorum.RequireVoter(nodeId).CaughtUp()),
    });

    /// <summary>A node now runs software supporting metadata.version up to <paramref name="maxLevel"/> (an image roll).</summary>
    public void SetNodeSupport(int nodeId, MetadataVersion maxLevel, short minLevel = 1) =>
        Update(s => s.WithNodeSupport(new NodeFeatureSupport(nodeId, minLevel, maxLevel.Level)));

    /// <summary>A topic with replicas assigned round robin over the live brokers (see <see cref="ClusterState.WithNewTopic"/>).</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor, IReadOnlyDictionary<string, string>? configs = null) =>
        Update(s => s.WithNewTopic(name, partitions, replicationFactor, configs));

    /// <summary>Sets (or, with null, removes) a config on one topic.</summary>
    public void SetTopicConfig(string topic, string key, string? value) => Update(s =>
    {
        var current = s.RequireTopic(topic);
        var configs = current.Configs.Where(c => c.Key != key).ToDictionary();
        if (value is not null)
            configs[key] = value;
        return s.WithTopic(current with { Configs = configs });
    });

    /// <summary>Sets (or, with null, removes) a config on every broker, e.g. the cluster's default min.insync.replicas.</summary>
    public void SetBrokerConfig(string key, string? value) => Update(s =>
    {
        var configs = s.BrokerConfigs.Where(c => c.Key != key).ToDictionary();
        if (value is not null)
            configs[key] = value;
        return s with { BrokerConfigs = configs };
    });

    /// <summary>Puts a partition's ISR where a test wants it (a lagging follower, a partition at min ISR).</summary>
    public void SetIsr(string topic, int partition, params int[] isr) => Update(s =>
    {
        var current = s.RequireTopic(topic);
        return s.WithTopic(current.WithPartition(PartitionReplication.WithIsr(current.Partition(partition), isr, s.IsInSyncCandidate)));
    });

    /// <summary>
    /// Moves a partition's replicas (a finished reassignment): the new replicas that can be in
    /// sync are, the first of them leads.
    /// </summary>
    public void MoveReplicas(string topic, int partition, params int[] replicas) => Update(s =>
    {
        var current = s.RequireTopic(topic);
        foreach (var id in replicas)
            s.RequireBroker(id);
        var moved = current.Partition(partition) with { Replicas = replicas };
        return s.WithTopic(current.WithPartition(PartitionReplication.WithIsr(moved, replicas.Where(s.IsInSyncCandidate).ToList(), s.IsInSyncCandidate)));
    });

    /// <summary>The default time a broker takes to rejoin the ISRs after it is Ready.</summary>
    public void SetIsrRejoinDelay(TimeSpan delay) => Update(s => s with { IsrRejoinDelay = delay });

    /// <summary>
    /// A broker's pod is gone: the broker drops out of Metadata, leaves every ISR (but the
    /// last member's) and its leaderships move to the next in-sync replica.
    /// </summary>
    public void BrokerDown(int nodeId) => Update(s =>
    {
        var down = s.WithBroker(s.RequireBroker(nodeId) with { IsUp = false, RejoinsIsrAt = null });
        return down.WithPartitions(p => PartitionReplication.BrokerDown(p, nodeId, down.IsInSyncCandidate));
    });

    /// <summary>
    /// A broker's pod is Ready again: it is listed at once and rejoins its ISRs after
    /// <paramref name="rejoinAfter"/> (default <see cref="ClusterState.IsrRejoinDelay"/>) on <see cref="Time"/>.
    /// </summary>
    public void BrokerReady(int nodeId, TimeSpan? rejoinAfter = null) => Update(s =>
    {
        var broker = s.RequireBroker(nodeId);
        if (broker.IsUp)
            return s;
        return s.WithBroker(broker with { IsUp = true, RejoinsIsrAt = Time.GetUtcNow() + (rejoinAfter ?? s.IsrRejoinDelay) })
            .CaughtUpAt(Time.GetUtcNow());
    });
}
