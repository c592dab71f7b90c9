using Actors.Kafka.Client;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Peer;

// Metadata, DescribeConfigs and DescribeCluster from the peer over real TCP with our own client,
// at the versions our client can ask that librdkafka never does (flexible DescribeConfigs v4,
// DescribeCluster for controllers), plus the exact bytes librdkafka sends.
public class PeerPartitionApisTests
{
    [Fact]
    public async Task ApiVersions_advertises_exactly_the_apis_and_versions_the_peer_serves()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());

        var result = await peer.Client.ApiVersionsAsync();

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(
            [
                new ApiVersionRange((short)ApiKey.Metadata, 0, 12),
                new ApiVersionRange((short)ApiKey.ApiVersions, 0, 3),
                new ApiVersionRange((short)ApiKey.DescribeConfigs, 0, 4),
                new ApiVersionRange((short)ApiKey.DescribeQuorum, 0, 2),
                new ApiVersionRange((short)ApiKey.UpdateFeatures, 1, 2),
                new ApiVersionRange((short)ApiKey.DescribeCluster, 0, 1),
            ],
            result.Value.ApiKeys);
    }

    [Fact]
    public async Task Every_advertised_version_of_every_api_is_answered()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        var advertised = (await peer.Client.ApiVersionsAsync()).Value.ApiKeys;

        foreach (var range in advertised.Where(r => r.ApiKey is (short)ApiKey.Metadata or (short)ApiKey.DescribeConfigs or (short)ApiKey.DescribeCluster))
        {
            for (var v = range.MinVersion; v <= range.MaxVersion; v++)
            {
                var answered = (ApiKey)range.ApiKey switch
                {
                    ApiKey.Metadata => (await peer.Client.SendAsync(new MetadataRequest(null, Version: v))).Succeeded,
                    ApiKey.DescribeConfigs => (await peer.Client.SendAsync(new DescribeConfigsRequest([new DescribeConfigsResource(ConfigResourceType.Topic, "orders")], Version: v))).Succeeded,
                    _ => (await peer.Client.SendAsync(new DescribeClusterRequest(Version: v))).Succeeded,
                };
                Assert.True(answered, $"{(ApiKey)range.ApiKey} v{v}: {string.Join(" | ", peer.Peer.Refusals)}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(12)]
    public async Task Metadata_reports_partitions_offline_replicas_and_leaderless_partitions_at_each_version(short version)
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        peer.Model.BrokerDown(4);
        peer.Model.BrokerDown(3); // events-0 [3,4] loses its last in-sync replica

        var result = await peer.Client.SendAsync(new MetadataRequest(null, Version: version));

        Assert.True(result.Succeeded, result.ToString());
        var response = result.Value;
        Assert.Equal([5], response.Brokers.Select(b => b.NodeId));
        Assert.Equal(5, response.ControllerId);
        var events0 = response.Topics.Single(t => t.Name == "events").Partitions.Single(p => p.PartitionIndex == 0);
        Assert.Equal(KafkaError.LeaderNotAvailable, events0.Error);
        Assert.Equal(-1, events0.LeaderId);
        Assert.Equal([3], events0.IsrNodes);
        Assert.Equal(version >= 5 ? [3, 4] : [], events0.OfflineReplicas);
        var orders0 = response.Topics.Single(t => t.Name == "orders").Partitions.Single(p => p.PartitionIndex == 0);
        Assert.Equal(5, orders0.LeaderId);
        Assert.Equal([5], orders0.IsrNodes);
    }

    [Fact]
    public async Task Metadata_for_unknown_topics_says_so_by_name_and_by_id_and_creates_nothing()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        var orders = peer.Model.State.RequireTopic("orders");

        var result = await peer.Client.SendAsync(new MetadataRequest(
            [new MetadataRequestTopic("nope"), new MetadataRequestTopic(null, new KafkaUuid(9, 9)), new MetadataRequestTopic(null, orders.Id)],
            AllowAutoTopicCreation: true));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(
            [(KafkaError.UnknownTopicOrPartition, "nope"), (KafkaError.UnknownTopicId, null), (KafkaError.None, "orders")],
            result.Value.Topics.Select(t => (t.Error, t.Name)));
        Assert.Equal(["events", "orders"], peer.Model.State.Topics.Select(t => t.Name));
        Assert.DoesNotContain(result.Value.Brokers, b => b.Port != peer.Peer.Endpoint.Port);
    }

    [Fact]
    public async Task DescribeConfigs_v4_says_where_each_topic_value_comes_from_with_synonyms()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        peer.Model.SetBrokerConfig("log.retention.ms", "3600000");

        var result = await peer.Client.SendAsync(new DescribeConfigsRequest(
            [new DescribeConfigsResource(ConfigResourceType.Topic, "orders", ["min.insync.replicas", "retention.ms", "cleanup.policy", "no.such.key"])],
            IncludeSynonyms: true));

        Assert.True(result.Succeeded, result.ToString());
        var configs = Assert.Single(result.Value.Results).Configs.ToDictionary(c => c.Name);
        Assert.Equal(["cleanup.policy", "min.insync.replicas", "retention.ms"], configs.Keys.Order());
        Assert.Equal(("2", ConfigSource.DynamicTopicConfig), (configs["min.insync.replicas"].Value, configs["min.insync.replicas"].Source));
        Assert.Equal(("3600000", ConfigSource.StaticBrokerConfig), (configs["retention.ms"].Value, configs["retention.ms"].Source));
        Assert.Equal(("delete", ConfigSource.DefaultConfig), (configs["cleanup.policy"].Value, configs["cleanup.policy"].Source));
        Assert.Equal(
            [("min.insync.replicas", "2", ConfigSource.DynamicTopicConfig), ("min.insync.replicas", "1", ConfigSource.DefaultConfig)],
            configs["min.insync.replicas"].Synonyms!.Select(s => (s.Name, s.Value, s.Source)));
        Assert.Equal(3, configs["min.insync.replicas"].ConfigType); // INT
    }

    [Fact]
    public async Task DescribeConfigs_refuses_unknown_topics_brokers_and_resource_types_per_resource()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        peer.Model.SetBrokerConfig("min.insync.replicas", "2");

        var result = await peer.Client.SendAsync(new DescribeConfigsRequest(
        [
            new DescribeConfigsResource(ConfigResourceType.Topic, "nope"),
            new DescribeConfigsResource(ConfigResourceType.Broker, "42"),
            new DescribeConfigsResource(ConfigResourceType.BrokerLogger, "3"),
            new DescribeConfigsResource(ConfigResourceType.Broker, "3", ["min.insync.replicas"]),
        ], Version: 1));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(
            [KafkaError.UnknownTopicOrPartition, KafkaError.InvalidRequest, KafkaError.InvalidRequest, KafkaError.None],
            result.Value.Results.Select(r => r.Error));
        var brokerMinIsr = Assert.Single(result.Value.Results[3].Configs);
        Assert.Equal(("2", ConfigSource.StaticBrokerConfig), (brokerMinIsr.Value, brokerMinIsr.Source));
    }

    [Fact]
    public async Task DescribeCluster_lists_the_live_brokers_or_the_controllers_with_the_quorum_leader()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        peer.Model.BrokerDown(3);
        peer.Model.ElectLeader(2);

        var brokers = await peer.Client.DescribeClusterAsync();
        var controllers = await peer.Client.DescribeClusterAsync(EndpointType.Controllers);

        Assert.True(brokers.Succeeded, brokers.ToString());
        Assert.Equal(4, brokers.Value.ControllerId);
        Assert.Equal([4, 5], brokers.Value.Brokers.Select(b => b.BrokerId));
        Assert.Equal(peer.Model.State.ClusterId, brokers.Value.ClusterId);
        Assert.True(controllers.Succeeded, controllers.ToString());
        Assert.Equal(EndpointType.Controllers, controllers.Value.EndpointType);
        Assert.Equal(2, controllers.Value.ControllerId);
        Assert.Equal([("controller-0", 9093), ("controller-1", 9093), ("controller-2", 9093)], controllers.Value.Brokers.Select(b => (b.Host, b.Port)));
    }

    [Fact]
    public void Librdkafkas_all_topics_metadata_v12_with_its_trailing_placeholder_bytes_is_answered_with_every_topic()
    {
        var router = new RequestRouter(SampleCluster.Model(), _ => new KafkaEndpoint("127.0.0.1", 9092));
        var request = Hex(
            "0003", "000C", "00000007", "0004", Text("rdkf"), "00", // header v2, client id "rdkf"
            "00000000",                                            // a 4-byte count placeholder; compact null is its first byte
            "00", "00", "00");                                     // AllowAutoTopicCreation, IncludeTopicAuthorizedOperations, tags

        var frame = router.Respond(request);

        var reader = new KafkaReader(frame.AsMemory(4));
        Assert.Equal(7, ResponseHeader.Read(reader, 1));
        Assert.Equal(["events", "orders"], MetadataResponse.Read(reader, 12).Topics.Select(t => t.Name));
    }

    [Fact]
    public async Task Brokers_can_be_advertised_at_their_in_cluster_names_instead_of_the_peers_address()
    {
        await using var peer = new KafkaPeer(SampleCluster.Model(), advertisedListener: id => new KafkaEndpoint($"kafka-broker-{id - 3}.kafka-headless.ns.svc", 9092));
        peer.Start();
        var client = new KafkaClient(peer.Endpoint);

        var metadata = await client.SendAsync(new MetadataRequest([]));
        var cluster = await client.DescribeClusterAsync();

        Assert.True(metadata.Succeeded, metadata.ToString());
        Assert.Equal(
            [(3, "kafka-broker-0.kafka-headless.ns.svc", 9092), (4, "kafka-broker-1.kafka-headless.ns.svc", 9092), (5, "kafka-broker-2.kafka-headless.ns.svc", 9092)],
            metadata.Value.Brokers.Select(b => (b.NodeId, b.Host, b.Port)));
        Assert.Empty(metadata.Value.Topics); // an empty list (v1+) asks for brokers only
        Assert.Equal(metadata.Value.Brokers.Select(b => b.Host), cluster.Value.Brokers.Select(b => b.Host));
    }
}
