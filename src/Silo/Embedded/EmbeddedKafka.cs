using Actors.Contracts.Kafka;
using Actors.Emulator.Kubelet;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Kafka.Client;
using Actors.Kafka.Peer;
using Actors.Kafka.Peer.Model;

namespace Actors.Silo.Embedded;

/// <summary>
/// Embedded mode's Kafka for one KafkaCluster: a Kafka protocol peer on 127.0.0.1 answering the
/// admin requests the operator's checks and kcat send (no messages are stored), its model driven
/// by the pods the simulated kubelet runs (<see cref="KafkaPodFollower"/>). The operator reaches it
/// by mapping the cluster's bootstrap address to the peer, as an operator outside a cluster would.
/// </summary>
public sealed class EmbeddedKafka(ClusterIdentity cluster, string bootstrap, SimulatedKubelet kubelet, KafkaPodFollower follower, KafkaPeer peer)
    : IAsyncDisposable
{
    /// <summary>How long a Kafka node whose pod became Ready takes to be in sync again, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultCatchUp = TimeSpan.FromSeconds(5);

    public ClusterIdentity Cluster => cluster;

    /// <summary>The cluster's bootstrap address as the operator's plan names it (host:port of its bootstrap Service).</summary>
    public string Bootstrap => bootstrap;

    public ClusterModel Model => peer.Model;

    /// <summary>Where the peer listens: what kcat and any Kafka client on this machine connect to.</summary>
    public KafkaEndpoint Endpoint => peer.Endpoint;

    /// <summary>The operator's <c>--kafka-address-map</c> entry that sends its checks for this cluster here.</summary>
    public string AddressMapEntry => $"{Bootstrap}={Endpoint}";

    public static EmbeddedKafka Start(ClusterIdentity cluster, KafkaClusterSpec spec, SimulatedKubelet kubelet, TimeSpan catchUp, TimeProvider time)
    {
        var model = new ClusterModel(DemoKafkaState.Healthy(cluster, spec), time);
        var follower = new KafkaPodFollower(cluster, model, catchUp, time);
        var peer = KafkaPeer.Start(model);
        kubelet.PodRunObserved += follower.Follow;
        return new EmbeddedKafka(cluster, ClusterPlan.BootstrapServers(cluster, spec), kubelet, follower, peer);
    }

    public async ValueTask DisposeAsync()
    {
        kubelet.PodRunObserved -= follower.Follow;
        follower.Dispose();
        await peer.DisposeAsync();
    }
}
