using Actors.Kafka.Admin;
using Actors.Kafka.Checks;
using Actors.Kafka.Client;
using Actors.Kafka.Peer;
using Actors.Kafka.Tests.Peer;

namespace Actors.Kafka.Tests.Checks;

// An operator outside the cluster: the cluster names its bootstrap Service and advertises its
// brokers at in-cluster DNS names this machine cannot resolve (".invalid" never resolves);
// only a mapped address reaches it.
public class AddressMappingTests
{
    private static readonly KafkaEndpoint InClusterBootstrap = new("demo-kafka-bootstrap.kafka.svc.invalid", 9092);

    /// <summary>Checks that know the cluster only by its in-cluster bootstrap name, mapped to the peer.</summary>
    private static KafkaSafetyChecks MappedChecks(KafkaPeer peer, PartitionClient partitionClient = PartitionClient.Auto) =>
        new(new KafkaConnection
        {
            Bootstrap = InClusterBootstrap,
            AddressMap = KafkaAddressMap.Parse($"{InClusterBootstrap}={peer.Endpoint}"),
            PartitionClient = partitionClient,
            RequestTimeout = TimeSpan.FromSeconds(2),
        });

    private static KafkaPeer AdvertisingInClusterNames() =>
        new(SampleCluster.Model(), advertisedListener: id => new KafkaEndpoint($"demo-broker-{id - 3}.demo-kafka-headless.kafka.svc.invalid", 9092));

    [Fact]
    public async Task Every_check_answers_through_the_mapped_bootstrap_address_alone()
    {
        await using var peer = AdvertisingInClusterNames();
        peer.Start();
        using var checks = MappedChecks(peer);
        peer.Model.SetIsr("orders", 0, 3, 4);

        var broker = await checks.MayRestartBrokerAsync(4);
        var removal = await checks.MayRemoveBrokerAsync(5);
        var controller = await checks.MayRestartControllerAsync(1, [1, 2]);
        var finalized = await checks.FinalizedMetadataVersionAsync();

        Assert.Equal(SafetyReason.Held, broker.Reason);
        Assert.Contains("orders-0 would drop to 1 in-sync replica(s)", broker.Message);
        Assert.Equal(SafetyReason.Held, removal.Reason);
        Assert.True(controller.IsOpen, controller.Message);
        Assert.True(finalized.IsKnown, finalized.Message);
    }

    [Fact]
    public async Task Confluent_kafka_reaches_the_mapped_bootstrap_but_not_the_advertised_brokers_so_the_check_holds()
    {
        await using var peer = AdvertisingInClusterNames();
        peer.Start();
        using var checks = MappedChecks(peer, PartitionClient.ConfluentKafka);

        var broker = await checks.MayRestartBrokerAsync(4);

        // Metadata goes over the bootstrap connection and succeeds; DescribeConfigs waits for a
        // connection to the controller at its advertised name, which never comes.
        Assert.Equal(SafetyReason.Unanswered, broker.Reason);
        Assert.Equal(KafkaFailureKind.TimedOut, broker.Failure!.Kind);
        Assert.Contains("DescribeConfigs", broker.Message);
    }

    [Fact]
    public async Task Both_partition_clients_read_the_same_gate_input()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var admin = new KafkaAdmin(new KafkaAdminOptions { BootstrapServers = peer.Peer.Endpoint.ToString() });
        var ours = new ProtocolPartitionReader(peer.Client);
        peer.Model.BrokerDown(4);
        peer.Model.SetIsr("orders", 2, 5);
        peer.Model.SetTopicConfig("events", "min.insync.replicas", "2");

        var viaConfluent = await admin.PartitionReplicasAsync();
        var viaProtocol = await ours.PartitionReplicasAsync();

        Assert.True(viaProtocol.Succeeded, viaProtocol.ToString());
        Assert.Equal(
            viaConfluent.Value.Select(p => (p.Id, string.Join(",", p.Replicas), string.Join(",", p.Isr), p.Leader, p.MinInSyncReplicas)),
            viaProtocol.Value.Select(p => (p.Id, string.Join(",", p.Replicas), string.Join(",", p.Isr), p.Leader, p.MinInSyncReplicas)));
        Assert.Equal(5, viaProtocol.Value.Count);
    }

    [Fact]
    public async Task The_clients_failure_names_the_address_asked_for_and_the_one_connected_to()
    {
        var map = KafkaAddressMap.Parse("demo-kafka-bootstrap.kafka.svc.invalid:9092=127.0.0.1:1");
        var client = new KafkaClient(InClusterBootstrap, new KafkaClientOptions { AddressMap = map, Timeout = TimeSpan.FromSeconds(2) });

        var result = await client.ApiVersionsAsync();

        Assert.Equal(KafkaFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Contains("to demo-kafka-bootstrap.kafka.svc.invalid:9092 (mapped to 127.0.0.1:1): cannot connect", result.Failure!.Message);
    }
}
