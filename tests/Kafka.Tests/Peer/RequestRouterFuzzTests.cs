using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Peer;

// The peer's request path fed what a broken client could send: it answers or refuses with a
// KafkaDecodeException, never another exception (which would be a bug in the peer).
public class RequestRouterFuzzTests
{
    private static readonly byte[][] ValidRequests =
    [
        WithoutSize(RequestFrame.Encode(new ApiVersionsRequest(), 1, "fuzz")),
        WithoutSize(RequestFrame.Encode(DescribeQuorumRequest.ForControllerQuorum(), 2, null)),
        WithoutSize(RequestFrame.Encode(new UpdateFeaturesRequest([new FeatureUpdate(MetadataVersion.FeatureName, 21)]), 3, "fuzz")),
        WithoutSize(RequestFrame.Encode(new MetadataRequest(null, Version: 4), 4, "fuzz")),
        WithoutSize(RequestFrame.Encode(new MetadataRequest([new MetadataRequestTopic("orders"), new MetadataRequestTopic(null, new KafkaUuid(1, 2))]), 5, "fuzz")),
        WithoutSize(RequestFrame.Encode(new DescribeConfigsRequest([new DescribeConfigsResource(ConfigResourceType.Topic, "orders"), new DescribeConfigsResource(ConfigResourceType.Broker, "3", ["min.insync.replicas"])], true, Version: 1), 6, "fuzz")),
        WithoutSize(RequestFrame.Encode(new DescribeConfigsRequest([new DescribeConfigsResource(ConfigResourceType.Topic, "orders")], true, true), 7, "fuzz")),
        WithoutSize(RequestFrame.Encode(new DescribeClusterRequest(EndpointType: EndpointType.Controllers), 8, "fuzz")),
    ];

    private static byte[] WithoutSize(byte[] frame) => frame[4..];

    private static RequestRouter NewRouter() => new(SampleCluster.Model(), _ => new KafkaEndpoint("127.0.0.1", 9092));

    [Fact]
    public void The_valid_requests_are_answered()
    {
        var router = NewRouter();
        Assert.All(ValidRequests, request => Assert.NotEmpty(router.Respond(request)));
    }

    [Fact]
    public void Random_bytes_are_answered_or_refused_cleanly()
    {
        var router = NewRouter();
        Check(Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), bytes => AnswersOrRefuses(router, bytes)));
    }

    [Fact]
    public void Corrupted_or_truncated_requests_are_answered_or_refused_cleanly()
    {
        var router = NewRouter();
        Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var bytes = (byte[])ValidRequests[random.Next(ValidRequests.Length)].Clone();
            // Keep the api key and version mostly intact so the bodies' decoders get exercised.
            for (var i = 0; i < 1 + random.Next(3); i++)
                bytes[4 + random.Next(bytes.Length - 4)] = (byte)random.Next(256);
            return AnswersOrRefuses(router, bytes[..random.Next(bytes.Length + 1)]);
        }));
    }

    private static bool AnswersOrRefuses(RequestRouter router, byte[] request)
    {
        try
        {
            return router.Respond(request).Length > 4;
        }
        catch (KafkaDecodeException)
        {
            return true;
        }
    }

    private static void Check(Property property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
}
