using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Messages;

// Every request the peer reads, at every version it serves: what our writer puts on the wire
// the peer's reader gets back unchanged (for the fields that version carries).
public class RequestRoundTripTests
{
    private static readonly Gen<string> Names = Gen.Elements("orders", "events", "", "é✓", "__consumer_offsets");

    [SeededProperty]
    public Property Metadata_requests_round_trip_at_every_version() =>
        Prop.ForAll(Gen.Choose(0, 12).ToArbitrary(), Gen.ListOf(Names).ToArbitrary(), Gen.Choose(0, 15).ToArbitrary(), (version, names, flags) =>
        {
            var v = (short)version;
            // Version 0 cannot express "no topics"; before 10 topics are named only; before 1 all topics is the empty list.
            IReadOnlyList<MetadataRequestTopic>? topics = (flags & 1) == 1 && v >= 1 ? null
                : names.Select(n => v >= 10 && n.Length == 0 ? new MetadataRequestTopic(null, new KafkaUuid(7, 8)) : new MetadataRequestTopic(n, v >= 10 ? new KafkaUuid(1, 2) : default)).ToList();
            if (v == 0 && topics is [])
                topics = null;
            var request = new MetadataRequest(topics,
                AllowAutoTopicCreation: v < 4 || (flags & 2) == 2,
                IncludeClusterAuthorizedOperations: v is >= 8 and <= 10 && (flags & 4) == 4,
                IncludeTopicAuthorizedOperations: v >= 8 && (flags & 8) == 8,
                Version: v);
            var writer = new KafkaWriter();
            request.WriteBody(writer);
            var reader = new KafkaReader(writer.ToArray());
            var decoded = MetadataRequest.Read(reader, v);
            return reader.Remaining == 0
                && decoded with { Topics = null } == request with { Topics = null }
                && (decoded.Topics is null ? request.Topics is null : decoded.Topics.SequenceEqual(request.Topics!));
        });

    [SeededProperty]
    public Property DescribeConfigs_requests_round_trip_at_every_version() =>
        Prop.ForAll(Gen.Choose(0, 4).ToArbitrary(), Gen.ListOf(Names).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), (version, names, flags) =>
        {
            var v = (short)version;
            var resources = names.Select((n, i) => new DescribeConfigsResource(
                i % 2 == 0 ? ConfigResourceType.Topic : ConfigResourceType.Broker, n, (flags & 1) == 1 ? null : names)).ToList();
            var request = new DescribeConfigsRequest(resources, v >= 1 && (flags & 2) == 2, v >= 3 && (flags & 4) == 4, v);
            var writer = new KafkaWriter();
            request.WriteBody(writer);
            var reader = new KafkaReader(writer.ToArray());
            var decoded = DescribeConfigsRequest.Read(reader, v);
            return reader.Remaining == 0
                && decoded with { Resources = [] } == request with { Resources = [] }
                && decoded.Resources.Count == resources.Count
                && decoded.Resources.Zip(resources).All(p => p.First.ResourceType == p.Second.ResourceType && p.First.ResourceName == p.Second.ResourceName
                    && (p.First.ConfigurationKeys is null ? p.Second.ConfigurationKeys is null : p.First.ConfigurationKeys.SequenceEqual(p.Second.ConfigurationKeys!)));
        });

    [Theory]
    [InlineData(0, EndpointType.Brokers)]
    [InlineData(1, EndpointType.Brokers)]
    [InlineData(1, EndpointType.Controllers)]
    public void DescribeCluster_requests_round_trip(short version, EndpointType endpointType)
    {
        var request = new DescribeClusterRequest(true, endpointType, version);
        var writer = new KafkaWriter();
        request.WriteBody(writer);
        var reader = new KafkaReader(writer.ToArray());

        Assert.Equal(request, DescribeClusterRequest.Read(reader, version));
        Assert.Equal(0, reader.Remaining);
    }
}
