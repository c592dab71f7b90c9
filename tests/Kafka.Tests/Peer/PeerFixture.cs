using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Peer;
using Actors.Kafka.Peer.Model;

namespace Actors.Kafka.Tests.Peer;

/// <summary>A started peer for one test: 3 controllers and 3 brokers at 3.8, software up to 3.9.</summary>
internal sealed class PeerFixture : IAsyncDisposable
{
    public PeerFixture(ClusterState? state = null)
        : this(new ClusterModel(state ?? ClusterState.Healthy(3, 3, MetadataVersion.V3_8_IV0, MetadataVersion.V3_9_IV0)))
    {
    }

    public PeerFixture(ClusterModel model)
    {
        Model = model;
        Peer = KafkaPeer.Start(Model);
        Client = new KafkaClient(Peer.Endpoint, new KafkaClientOptions { Timeout = TimeSpan.FromSeconds(10) });
    }

    public ClusterModel Model { get; }
    public KafkaPeer Peer { get; }
    public KafkaClient Client { get; }

    public ValueTask DisposeAsync() => Peer.DisposeAsync();
}
