using System.Net.Sockets;
using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Peer;

// Our client against the peer over real TCP on 127.0.0.1.
public class KafkaPeerTests
{
    [Fact]
    public async Task ApiVersions_reports_the_served_apis_and_the_finalized_metadata_version()
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.ApiVersionsAsync();

        Assert.True(result.Succeeded, result.ToString());
        var response = result.Value;
        Assert.Contains(new ApiVersionRange((short)ApiKey.DescribeQuorum, 0, 2), response.ApiKeys);
        Assert.Contains(new ApiVersionRange((short)ApiKey.UpdateFeatures, 1, 2), response.ApiKeys);
        Assert.Equal(new FinalizedFeature(MetadataVersion.FeatureName, 20, 20), Assert.Single(response.Finalized));
        Assert.Equal(new SupportedFeature(MetadataVersion.FeatureName, 1, 21), Assert.Single(response.Supported));
        Assert.True(response.FinalizedFeaturesEpoch >= 0);
    }

    [Fact]
    public async Task ApiVersions_above_the_served_version_gets_a_v0_unsupported_version_answer_listing_the_versions()
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.SendAsync(new ApiVersionsRequest(Version: 0));
        Assert.True(result.Succeeded);

        // A v4 request is answered in v0 (KIP-511), whose header and body a v0 reader decodes.
        var tooNew = await RawExchange(peer, RequestFrame.Encode(new ApiVersionsRequest(Version: 4), 9, null));
        var reader = new KafkaReader(tooNew);
        Assert.Equal(9, ResponseHeader.Read(reader, 0));
        var response = ApiVersionsResponse.Read(reader, 0);
        Assert.Equal(KafkaError.UnsupportedVersion, response.Error);
        Assert.Contains(new ApiVersionRange((short)ApiKey.ApiVersions, 0, 3), response.ApiKeys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task DescribeQuorum_reports_the_leader_and_every_voter_at_each_version(short version)
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.SendAsync(DescribeQuorumRequest.ForControllerQuorum(version));

        Assert.True(result.Succeeded, result.ToString());
        var partition = Assert.Single(Assert.Single(result.Value.Topics).Partitions);
        Assert.Equal(0, partition.LeaderId);
        Assert.Equal([0, 1, 2], partition.CurrentVoters.Select(v => v.ReplicaId));
        Assert.Equal([3, 4, 5], partition.Observers.Select(o => o.ReplicaId));
        Assert.Equal(version >= 2 ? 3 : 0, result.Value.Nodes.Count);
    }

    [Fact]
    public async Task A_lagging_voter_shows_an_older_caught_up_time_and_a_lower_log_end_offset()
    {
        await using var peer = new PeerFixture();
        peer.Model.SetVoterLag(2, offsetLag: 500, caughtUpLag: TimeSpan.FromSeconds(30));

        var result = await peer.Client.DescribeControllerQuorumAsync();

        Assert.True(result.Succeeded, result.ToString());
        var leader = result.Value.CurrentVoters.Single(v => v.ReplicaId == 0);
        var lagging = result.Value.CurrentVoters.Single(v => v.ReplicaId == 2);
        var inSync = result.Value.CurrentVoters.Single(v => v.ReplicaId == 1);
        Assert.Equal(-1, leader.LastFetchTimestamp);
        Assert.Equal(30_000, leader.LastCaughtUpTimestamp - lagging.LastCaughtUpTimestamp);
        Assert.Equal(leader.LastCaughtUpTimestamp, inSync.LastCaughtUpTimestamp);
        Assert.Equal(leader.LogEndOffset - 500, lagging.LogEndOffset);
    }

    [Fact]
    public async Task A_new_leader_in_a_new_epoch_is_reported()
    {
        await using var peer = new PeerFixture();
        peer.Model.SetVoterLag(1, 10, TimeSpan.FromSeconds(1));
        peer.Model.ElectLeader(1);

        var result = await peer.Client.DescribeControllerQuorumAsync();

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(1, result.Value.LeaderId);
        Assert.Equal(2, result.Value.LeaderEpoch);
    }

    [Fact]
    public async Task A_quorum_without_a_leader_is_a_not_leader_or_follower_failure()
    {
        await using var peer = new PeerFixture();
        peer.Model.LoseLeader();

        var result = await peer.Client.DescribeControllerQuorumAsync();

        Assert.Equal(KafkaError.NotLeaderOrFollower, result.Failure?.Error);
        Assert.Contains("NOT_LEADER_OR_FOLLOWER (6)", result.Failure!.Message);
    }

    [Fact]
    public async Task DescribeQuorum_for_another_topic_is_unknown_topic_or_partition()
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.SendAsync(new DescribeQuorumRequest([new QuorumTopicRequest("orders", [0])]));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(KafkaError.UnknownTopicOrPartition, result.Value.Error);
    }

    [Fact]
    public async Task UpdateFeatures_raises_metadata_version_when_every_node_supports_it()
    {
        await using var peer = new PeerFixture();
        var epoch = peer.Model.State.FinalizedFeaturesEpoch;

        var result = await peer.Client.UpdateFeaturesAsync([new FeatureUpdate(MetadataVersion.FeatureName, MetadataVersion.V3_9_IV0.Level)]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(MetadataVersion.V3_9_IV0.Level, peer.Model.State.MetadataVersionLevel);
        var readBack = await peer.Client.ApiVersionsAsync();
        Assert.Equal(MetadataVersion.V3_9_IV0.Level, readBack.Value.FinalizedLevel(MetadataVersion.FeatureName));
        Assert.Equal(epoch + 1, readBack.Value.FinalizedFeaturesEpoch);
    }

    [Fact]
    public async Task UpdateFeatures_refuses_a_level_one_node_does_not_support_and_names_the_node()
    {
        await using var peer = new PeerFixture();
        foreach (var node in new[] { 0, 1, 2, 3, 4 })
            peer.Model.SetNodeSupport(node, MetadataVersion.V4_0_IV3);

        var result = await peer.Client.UpdateFeaturesAsync([new FeatureUpdate(MetadataVersion.FeatureName, MetadataVersion.V4_0_IV3.Level)]);

        Assert.Equal(KafkaError.InvalidUpdateVersion, result.Failure?.Error);
        Assert.Contains("Node(s) 5", result.Failure!.Message);
        Assert.Equal(MetadataVersion.V3_8_IV0.Level, peer.Model.State.MetadataVersionLevel);
    }

    [Fact]
    public async Task UpdateFeatures_refuses_a_downgrade_without_a_downgrade_type()
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.UpdateFeaturesAsync([new FeatureUpdate(MetadataVersion.FeatureName, MetadataVersion.V3_7_IV4.Level)]);

        Assert.Equal(KafkaError.InvalidUpdateVersion, result.Failure?.Error);
        Assert.Equal(MetadataVersion.V3_8_IV0.Level, peer.Model.State.MetadataVersionLevel);
    }

    [Fact]
    public async Task UpdateFeatures_validate_only_changes_nothing()
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.UpdateFeaturesAsync(
            [new FeatureUpdate(MetadataVersion.FeatureName, MetadataVersion.V3_9_IV0.Level)], validateOnly: true);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(MetadataVersion.V3_8_IV0.Level, peer.Model.State.MetadataVersionLevel);
    }

    [Fact]
    public async Task UpdateFeatures_v2_reports_a_refusal_as_the_top_level_error()
    {
        await using var peer = new PeerFixture();

        var result = await peer.Client.SendAsync(new UpdateFeaturesRequest(
            [new FeatureUpdate(MetadataVersion.FeatureName, 99)], Version: 2));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(KafkaError.InvalidUpdateVersion, result.Value.Error);
        Assert.Empty(result.Value.Results);
    }

    [Theory]
    [InlineData("garbage after a valid size", "0000000A 0102030405060708090A")]
    [InlineData("an unknown api key", "0000000A 7FFF 0000 00000001 FFFF")]
    [InlineData("an unserved version", "0000000B 0039 0009 00000001 FFFF 00")]
    [InlineData("a truncated body", "0000000D 0037 0002 00000001 FFFF 00 02 13")]
    [InlineData("a frame over the size limit", "7FFFFFFF 00")]
    [InlineData("a negative frame size", "FFFFFFFF")]
    public async Task A_malformed_request_closes_only_its_connection_and_the_peer_keeps_serving(string what, string hex)
    {
        await using var peer = new PeerFixture();

        var answer = await RawExchange(peer, Hex(hex));

        Assert.True(answer.Length == 0, $"{what}: the peer answered instead of closing");
        Assert.Single(peer.Peer.Refusals);
        var after = await peer.Client.DescribeControllerQuorumAsync();
        Assert.True(after.Succeeded, after.ToString());
    }

    [Fact]
    public async Task Several_requests_on_one_connection_are_answered_in_order()
    {
        await using var peer = new PeerFixture();
        var frames = RequestFrame.Encode(new ApiVersionsRequest(), 1, null)
            .Concat(RequestFrame.Encode(DescribeQuorumRequest.ForControllerQuorum(), 2, null)).ToArray();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(peer.Peer.Endpoint.Host, peer.Peer.Endpoint.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(frames);

        var first = await FrameReader.ReadAsync(stream, 1 << 20, default);
        var second = await FrameReader.ReadAsync(stream, 1 << 20, default);

        Assert.Equal(1, ResponseHeader.Read(new KafkaReader(first!), 0));
        Assert.Equal(2, ResponseHeader.Read(new KafkaReader(second!), 1));
    }

    /// <summary>Sends raw bytes, half-closes, and returns the first response frame, or nothing if the peer closed.</summary>
    private static async Task<byte[]> RawExchange(PeerFixture peer, byte[] bytes)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(peer.Peer.Endpoint.Host, peer.Peer.Endpoint.Port);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await stream.WriteAsync(bytes);
            tcp.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return []; // the peer already closed on the bytes it had read
        }
        try
        {
            return await FrameReader.ReadAsync(stream, 1 << 20, timeout.Token) ?? [];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
