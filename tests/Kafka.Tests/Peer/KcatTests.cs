using Actors.Kafka.Protocol;

namespace Actors.Kafka.Tests.Peer;

// The real kcat 1.7.1 (Debian's, on librdkafka 2.0.2, which asks Metadata v4) lists the peer's
// brokers and topics. A missing kcat fails the test: test.sh installs it.
public class KcatTests
{
    private static readonly InstalledTool Kcat = new("kcat", "install the Debian package kcat (test.sh does when it is missing)");

    private static async Task<string> ListMetadata(PeerFixture peer)
    {
        using var home = new WorkDirectory("actors-kcat-");
        return await Kcat.Ok(["-L", "-b", peer.Peer.Endpoint.ToString(), "-m", "10"], home.Path);
    }

    [Fact]
    public async Task Kcat_lists_the_brokers_with_the_controller_and_every_topics_partitions()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        var address = peer.Peer.Endpoint.ToString();

        var listing = await ListMetadata(peer);

        Assert.Contains(" 3 brokers:", listing);
        Assert.Contains($"broker 3 at {address} (controller)", listing);
        Assert.Contains($"broker 4 at {address}\n", listing);
        Assert.Contains($"broker 5 at {address}\n", listing);
        Assert.Contains(" 2 topics:", listing);
        Assert.Contains("topic \"orders\" with 3 partitions:", listing);
        Assert.Contains("topic \"events\" with 2 partitions:", listing);
        Assert.Contains("partition 1, leader 4, replicas: 4,5,3, isrs: 4,5,3", listing);
        Assert.Contains("partition 1, leader 4, replicas: 4,5, isrs: 4,5", listing);
        Assert.Empty(peer.Peer.Refusals);
        Assert.Contains((ApiKey.Metadata, (short)4), peer.Peer.Answered);
    }

    [Fact]
    public async Task Kcat_sees_a_downed_broker_leave_the_isrs_and_its_leaderships_move()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        peer.Model.BrokerDown(4);

        var listing = await ListMetadata(peer);

        Assert.Contains(" 2 brokers:", listing);
        Assert.DoesNotContain("broker 4 at", listing);
        Assert.Contains("partition 1, leader 5, replicas: 4,5,3, isrs: 5,3", listing);
        // events-0 is [3,4]: 3 still leads, alone in sync.
        Assert.Contains("partition 0, leader 3, replicas: 3,4, isrs: 3", listing);
    }
}
