using System.Buffers.Binary;
using Actors.Kafka.Checks;
using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer;
using Actors.Kafka.Protocol;
using Actors.Kafka.Tests.Client;
using Actors.Kafka.Tests.Messages;
using Actors.Kafka.Tests.Peer;

namespace Actors.Kafka.Tests.Checks;

// A cluster that cannot answer holds every step with a reason: never open, never an exception.
// Faults are injected by a proxy in front of the peer, so every other exchange is real.
public class KafkaSafetyChecksFailureTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    private static KafkaSafetyChecks ChecksFor(KafkaEndpoint bootstrap, PartitionClient partitionClient = PartitionClient.Auto) =>
        new(new KafkaConnection { Bootstrap = bootstrap, RequestTimeout = Quick, PartitionClient = partitionClient });

    /// <summary>The peer with every broker advertised at the proxy, so librdkafka's later connections go through it too.</summary>
    private sealed class FaultyCluster : IAsyncDisposable
    {
        private FaultyProxy? _proxy;

        public FaultyCluster(Func<ApiKey, Fault?> faultFor, Func<byte[], byte[]>? rewrite = null)
        {
            Peer = new KafkaPeer(SampleCluster.Model(), advertisedListener: _ => _proxy!.Endpoint);
            Peer.Start();
            _proxy = new FaultyProxy(Peer.Endpoint, faultFor, rewrite);
        }

        public KafkaPeer Peer { get; }
        public FaultyProxy Proxy => _proxy!;

        public async ValueTask DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await Peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_unreachable_cluster_holds_every_step_and_says_so()
    {
        var port = TestPorts.Unused();
        using var checks = ChecksFor(new KafkaEndpoint("127.0.0.1", port));

        var broker = await checks.MayRestartBrokerAsync(3);
        var removal = await checks.MayRemoveBrokerAsync(3);
        var controller = await checks.MayRestartControllerAsync(1, [1]);
        var finalized = await checks.FinalizedMetadataVersionAsync();
        var raise = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_9_IV0.Level);
        var leader = await checks.ActiveControllerAsync();

        Assert.All(new[] { broker.Reason, removal.Reason, controller.Reason }, r => Assert.Equal(SafetyReason.Unanswered, r));
        Assert.Equal(KafkaFailureKind.Unreachable, broker.Failure!.Kind);
        Assert.StartsWith("broker 3 must not restart yet: Kafka did not answer (Unreachable)", broker.Message);
        Assert.StartsWith("broker 3 must not be removed yet: Kafka did not answer (Unreachable)", removal.Message);
        Assert.Equal(KafkaFailureKind.Unreachable, controller.Failure!.Kind);
        Assert.Contains($"to 127.0.0.1:{port}: cannot connect", controller.Message);
        Assert.False(finalized.IsKnown);
        Assert.StartsWith("metadata.version could not be read: Kafka did not answer (Unreachable)", finalized.Message);
        Assert.Equal(MetadataVersionRaiseOutcome.Unanswered, raise.Outcome);
        Assert.False(raise.IsDone);
        Assert.Null(leader);
    }

    [Theory]
    [InlineData(Fault.ResetBeforeAnswer, KafkaFailureKind.ConnectionLost)]
    [InlineData(Fault.ResetMidResponse, KafkaFailureKind.ConnectionLost)]
    [InlineData(Fault.Silent, KafkaFailureKind.TimedOut)]
    [InlineData(Fault.Truncated, KafkaFailureKind.MalformedResponse)]
    public async Task A_broken_quorum_answer_holds_the_controller_restart(Fault fault, KafkaFailureKind expected)
    {
        await using var cluster = new FaultyCluster(api => api == ApiKey.DescribeQuorum ? fault : null);
        using var checks = ChecksFor(cluster.Proxy.Endpoint);

        var verdict = await checks.MayRestartControllerAsync(1, [1, 2]);

        Assert.Equal(SafetyReason.Unanswered, verdict.Reason);
        Assert.Equal(expected, verdict.Failure!.Kind);
        Assert.Null(verdict.Gate);
        Assert.Contains((ApiKey.DescribeQuorum, fault), cluster.Proxy.Injected);
    }

    [Theory]
    [InlineData(Fault.ResetBeforeAnswer, PartitionClient.ConfluentKafka)]
    [InlineData(Fault.ResetMidResponse, PartitionClient.ConfluentKafka)]
    [InlineData(Fault.Truncated, PartitionClient.ConfluentKafka)]
    [InlineData(Fault.Silent, PartitionClient.ConfluentKafka)]
    [InlineData(Fault.ResetBeforeAnswer, PartitionClient.Protocol)]
    [InlineData(Fault.ResetMidResponse, PartitionClient.Protocol)]
    [InlineData(Fault.Truncated, PartitionClient.Protocol)]
    [InlineData(Fault.Silent, PartitionClient.Protocol)]
    public async Task A_broken_partition_answer_holds_the_broker_restart_and_removal(Fault fault, PartitionClient client)
    {
        await using var cluster = new FaultyCluster(api => api == ApiKey.Metadata ? fault : null);
        using var checks = ChecksFor(cluster.Proxy.Endpoint, client);

        var restart = await checks.MayRestartBrokerAsync(3);
        var removal = await checks.MayRemoveBrokerAsync(3);

        Assert.Equal(SafetyReason.Unanswered, restart.Reason);
        Assert.Equal(SafetyReason.Unanswered, removal.Reason);
        Assert.Contains("Metadata", restart.Message);
        Assert.Contains((ApiKey.Metadata, fault), cluster.Proxy.Injected);
    }

    [Theory]
    [InlineData(PartitionClient.ConfluentKafka)]
    [InlineData(PartitionClient.Protocol)]
    public async Task A_broken_config_answer_holds_the_broker_restart(PartitionClient client)
    {
        await using var cluster = new FaultyCluster(api => api == ApiKey.DescribeConfigs ? Fault.ResetMidResponse : null);
        using var checks = ChecksFor(cluster.Proxy.Endpoint, client);

        var restart = await checks.MayRestartBrokerAsync(3);

        Assert.Equal(SafetyReason.Unanswered, restart.Reason);
        Assert.Contains("DescribeConfigs", restart.Message);
    }

    [Fact]
    public async Task A_reset_during_the_feature_update_leaves_the_raise_unanswered_and_a_retry_finds_it_done()
    {
        var failUpdates = true;
        await using var cluster = new FaultyCluster(api => api == ApiKey.UpdateFeatures && failUpdates ? Fault.ResetMidResponse : null);
        using var checks = ChecksFor(cluster.Proxy.Endpoint);

        var first = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_9_IV0.Level);
        failUpdates = false;
        var retry = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_9_IV0.Level);

        // The peer applied the update before its answer was cut: the retry reads it back, once.
        Assert.Equal(MetadataVersionRaiseOutcome.Unanswered, first.Outcome);
        Assert.Equal(KafkaFailureKind.ConnectionLost, first.Failure!.Kind);
        Assert.Contains("may not have been raised to 3.9-IV0 (level 21)", first.Message);
        Assert.Equal(MetadataVersionRaiseOutcome.AlreadyFinalized, retry.Outcome);
        Assert.Equal(2, cluster.Peer.Model.State.FinalizedFeaturesEpoch);
    }

    [Fact]
    public async Task A_garbled_api_versions_answer_leaves_the_metadata_version_unknown()
    {
        await using var cluster = new FaultyCluster(api => api == ApiKey.ApiVersions ? Fault.Truncated : null);
        using var checks = ChecksFor(cluster.Proxy.Endpoint);

        var finalized = await checks.FinalizedMetadataVersionAsync();
        var raise = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_9_IV0.Level);

        Assert.Equal(KafkaFailureKind.MalformedResponse, finalized.Failure?.Kind);
        Assert.Equal(MetadataVersionRaiseOutcome.Unanswered, raise.Outcome);
        Assert.DoesNotContain(cluster.Peer.Answered, a => a.Api == ApiKey.UpdateFeatures);
    }

    /// <summary>A server that answers its one request with this response body, under the request's correlation id.</summary>
    private static ScriptedServer Answering(Action<KafkaWriter> writeBody, short responseHeaderVersion) =>
        new(async (socket, request, ct) =>
        {
            var writer = new KafkaWriter();
            ResponseHeader.Write(writer, BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(8)), responseHeaderVersion);
            writeBody(writer);
            var body = writer.ToArray();
            var frame = new byte[body.Length + 4];
            BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
            body.CopyTo(frame, 4);
            await socket.SendAsync(frame, ct);
        });

    [Fact]
    public async Task An_unknown_error_code_in_the_quorum_answer_holds_the_controller_restart_and_is_named()
    {
        var quorum = new DescribeQuorumResponse(0, null,
            [new QuorumTopic(DescribeQuorumRequest.ClusterMetadataTopic, [new QuorumPartition(0, 12345, "from a newer Kafka", 0, 1, 10, [], [])])], []);
        // The peer's header (correlation id, empty tagged fields: 5 bytes), then this body.
        await using var cluster = new FaultyCluster(api => api == ApiKey.DescribeQuorum ? Fault.Rewritten : null,
            answer => [.. answer[..5], .. RandomResponses.Encode(quorum, (w, q) => q.Write(w, 2))]);
        using var checks = ChecksFor(cluster.Proxy.Endpoint);

        var verdict = await checks.MayRestartControllerAsync(1, [1]);

        Assert.Equal(SafetyReason.Unanswered, verdict.Reason);
        Assert.Equal(KafkaFailureKind.ErrorCode, verdict.Failure!.Kind);
        Assert.Contains("UNKNOWN_ERROR_CODE_12345 (12345): from a newer Kafka", verdict.Message);
    }

    [Fact]
    public async Task A_quorum_answer_without_the_metadata_partition_is_malformed_and_holds()
    {
        await using var cluster = new FaultyCluster(api => api == ApiKey.DescribeQuorum ? Fault.Rewritten : null,
            answer => [.. answer[..5], .. RandomResponses.Encode(new DescribeQuorumResponse(0, null, [], []), (w, q) => q.Write(w, 2))]);
        using var checks = ChecksFor(cluster.Proxy.Endpoint);

        var verdict = await checks.MayRestartControllerAsync(1, [1]);

        Assert.Equal(KafkaFailureKind.MalformedResponse, verdict.Failure?.Kind);
        Assert.False(verdict.IsOpen);
    }

    [Fact]
    public async Task An_unknown_error_code_in_the_api_versions_answer_leaves_the_metadata_version_unknown()
    {
        await using var server = Answering(w => new ApiVersionsResponse(4242, []).Write(w, 3), responseHeaderVersion: 0);
        using var checks = ChecksFor(server.Endpoint);

        var finalized = await checks.FinalizedMetadataVersionAsync();

        Assert.False(finalized.IsKnown);
        Assert.Contains("UNKNOWN_ERROR_CODE_4242", finalized.Message);
    }
}
