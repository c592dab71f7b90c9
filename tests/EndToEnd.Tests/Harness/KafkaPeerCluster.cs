using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Kafka.Features;
using Actors.Kafka.Peer;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// A Kafka protocol peer standing for the scenario's cluster: its nodes numbered as the operator
/// numbers them (brokers 0.., controllers 1000..; the first controller leads), its model driven
/// by the test, and the operator's Kafka checks pointed at it by mapping the cluster's bootstrap
/// Service to the peer's address, as an operator outside the cluster would be configured.
/// </summary>
public sealed class KafkaPeerCluster : IAsyncDisposable
{
    private KafkaPeer _peer;
    private bool _running = true;

    private KafkaPeerCluster(ClusterModel model, KafkaPeer peer)
    {
        Model = model;
        _peer = peer;
    }

    public ClusterModel Model { get; }

    public int Port => _peer.Endpoint.Port;

    /// <summary>How many requests of this API the peer answered since it last (re)started.</summary>
    public int Requests(ApiKey api) => _peer.Answered.Count(a => a.Api == api);

    public static KafkaPeerCluster Start(int controllers, int brokers)
    {
        var voters = Enumerable.Range(0, controllers)
            .Select(n => new QuorumVoter(NodeIdentity.ControllerNodeIdBase + n, $"demo-controller-{n}", 9093))
            .ToList();
        var brokerIds = Enumerable.Range(0, brokers).ToList();
        var nodes = voters.Select(v => v.NodeId).Concat(brokerIds)
            .Select(id => new NodeFeatureSupport(id, 1, MetadataVersion.V3_9_IV0.Level))
            .ToList();
        var quorum = new QuorumState(voters[0].NodeId, LeaderEpoch: 1, LogEndOffset: 1000, voters, brokerIds);
        var model = new ClusterModel(new ClusterState(quorum, nodes, MetadataVersion.V3_9_IV0.Level, FinalizedFeaturesEpoch: 1)
        {
            Brokers = brokerIds.Select(id => new PeerBroker(id)).ToList(),
        });
        return new KafkaPeerCluster(model, KafkaPeer.Start(model));
    }

    /// <summary>The operator asks Kafka before each step, at this peer.</summary>
    public void Configure(KafkaOperatorOptions options)
    {
        var bootstrap = new ClusterIdentity(options.Namespaces.Single(), Specs.ClusterName).BootstrapHost(options.ClusterDomain);
        options.KafkaChecks = true;
        options.KafkaAddressMap = $"{bootstrap}:9092={_peer.Endpoint}";
        options.KafkaRequestTimeout = TimeSpan.FromSeconds(5);
    }

    /// <summary>The cluster stops answering: connections to its address are refused.</summary>
    public async ValueTask StopAsync()
    {
        if (!_running) return;
        _running = false;
        await _peer.DisposeAsync();
    }

    /// <summary>It answers again, at the same address and from the same model.</summary>
    public void Restart()
    {
        if (_running) return;
        _peer = new KafkaPeer(Model, Port);
        _peer.Start();
        _running = true;
    }

    public ValueTask DisposeAsync() => StopAsync();
}
