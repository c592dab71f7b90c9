using Actors.Kafka.Checks;
using Actors.Kafka.Features;
using Actors.Kafka.Protocol;
using Actors.Kafka.Safety;
using Actors.Kafka.Tests.Peer;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kafka.Tests.Checks;

// The checks a coordinator asks before each step, against the Kafka peer over real TCP
// (Confluent.Kafka for the partitions, our client for the quorum and the features), while the
// test moves the cluster: brokers leaving and rejoining ISRs, a lagging controller, an upgrade.
public class KafkaSafetyChecksTests
{
    private static KafkaSafetyChecks ChecksFor(PeerFixture peer) =>
        new(new KafkaConnection { Bootstrap = peer.Peer.Endpoint });

    [Fact]
    public async Task A_broker_restart_waits_while_a_partition_sits_at_min_isr_and_opens_when_it_rejoins()
    {
        var time = new FakeTimeProvider(TestTime.Start);
        await using var peer = new PeerFixture(SampleCluster.Model(time));
        using var checks = ChecksFor(peer);

        Assert.True((await checks.MayRestartBrokerAsync(3)).IsOpen);
        peer.Model.BrokerDown(3);
        peer.Model.BrokerReady(3, rejoinAfter: TimeSpan.FromSeconds(30));

        var waiting = await checks.MayRestartBrokerAsync(4);
        Assert.Equal(SafetyReason.Held, waiting.Reason);
        Assert.False(waiting.IsOpen);
        Assert.Contains("broker 4 must not restart yet: events-0", waiting.Message);
        Assert.Contains("orders-0 would drop to 1 in-sync replica(s), below min.insync.replicas 2", waiting.Message);

        time.Advance(TimeSpan.FromSeconds(30));
        var recovered = await checks.MayRestartBrokerAsync(4);
        Assert.Equal(SafetyReason.Open, recovered.Reason);
        Assert.True(recovered.Gate!.IsOpen, recovered.Message);
    }

    [Fact]
    public async Task A_partition_already_under_min_isr_holds_every_broker_that_hosts_it()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var checks = ChecksFor(peer);
        peer.Model.SetIsr("orders", 1, 4);

        var verdict = await checks.MayRestartBrokerAsync(5);

        Assert.Equal(SafetyReason.Held, verdict.Reason);
        Assert.Contains("orders-1 is already under min.insync.replicas (1 of 2 in sync)", verdict.Message);
    }

    [Fact]
    public async Task The_active_controller_is_the_quorum_leader_and_unknown_during_an_election()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);

        Assert.Equal(0, await checks.ActiveControllerAsync());
        peer.Model.ElectLeader(2);
        Assert.Equal(2, await checks.ActiveControllerAsync());
        peer.Model.LoseLeader();
        Assert.Null(await checks.ActiveControllerAsync());
    }

    [Fact]
    public async Task A_controller_restart_waits_for_a_lagging_voter_and_names_it()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);
        peer.Model.SetVoterLag(2, offsetLag: 500, caughtUpLag: TimeSpan.FromSeconds(30));

        var waiting = await checks.MayRestartControllerAsync(1, awaitingRestart: [1, 2]);

        Assert.Equal(SafetyReason.Held, waiting.Reason);
        Assert.Equal([2], waiting.Gate!.LaggingVoters);
        Assert.Contains("voter(s) 2 not caught up with leader 0 within controller.quorum.fetch.timeout.ms 2000 (2 30000 ms behind)", waiting.Message);

        // The lagging voter itself may go: the leader and voter 1 remain a caught-up majority.
        Assert.True((await checks.MayRestartControllerAsync(2, awaitingRestart: [1, 2])).IsOpen);

        peer.Model.CatchUpVoter(2);
        var caughtUp = await checks.MayRestartControllerAsync(1, awaitingRestart: [1, 2]);
        Assert.True(caughtUp.IsOpen, caughtUp.Message);
        // Each check asks ApiVersions, then DescribeQuorum at the highest version both speak.
        Assert.All(peer.Peer.Answered.Where(a => a.Api == ApiKey.DescribeQuorum), a => Assert.Equal(2, a.Version));
    }

    [Fact]
    public async Task A_controller_roll_restarts_one_voter_at_a_time_after_the_last_caught_up_and_the_leader_last()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);
        var awaiting = new List<int> { 0, 1, 2 };
        var order = new List<int>();

        // Each pass restarts the first controller the gate lets through; the restarted one
        // comes back behind and catches up before the next pass.
        for (var pass = 0; pass < 6 && awaiting.Count > 0; pass++)
        {
            int? next = null;
            foreach (var candidate in awaiting)
                if ((await checks.MayRestartControllerAsync(candidate, awaiting)).IsOpen)
                {
                    next = candidate;
                    break;
                }
            Assert.NotNull(next);
            order.Add(next.Value);
            awaiting.Remove(next.Value);
            if (next == 0)
                peer.Model.ElectLeader(1);
            peer.Model.SetVoterLag(next.Value, offsetLag: 200, caughtUpLag: TimeSpan.FromSeconds(20));

            var whileBehind = awaiting.Count == 0 ? null : await checks.MayRestartControllerAsync(awaiting[0], awaiting);
            Assert.True(whileBehind is null || !whileBehind.IsOpen, whileBehind?.Message);
            peer.Model.CatchUpVoter(next.Value);
        }

        Assert.Equal([1, 2, 0], order);
    }

    [Fact]
    public async Task The_active_controller_restarts_last_and_a_leaderless_quorum_holds_every_controller()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);

        var leaderFirst = await checks.MayRestartControllerAsync(0, awaitingRestart: [0, 1, 2]);
        var leaderLast = await checks.MayRestartControllerAsync(0, awaitingRestart: [0]);
        peer.Model.LoseLeader();
        var noLeader = await checks.MayRestartControllerAsync(1, awaitingRestart: [1]);

        Assert.Equal(SafetyReason.Held, leaderFirst.Reason);
        Assert.Contains("it is the active controller and goes last: voter(s) 1, 2 still await their restart", leaderFirst.Message);
        Assert.True(leaderLast.IsOpen, leaderLast.Message);
        // Kafka answers NOT_LEADER_OR_FOLLOWER while an election is on: held as unanswered, named.
        Assert.Equal(SafetyReason.Unanswered, noLeader.Reason);
        Assert.Equal(KafkaError.NotLeaderOrFollower, noLeader.Failure!.Error);
        Assert.StartsWith("controller 1 must not restart yet: Kafka did not answer (ErrorCode)", noLeader.Message);
    }

    [Fact]
    public async Task A_broker_with_replicas_may_not_be_removed_and_the_topics_are_named()
    {
        await using var peer = new PeerFixture(SampleCluster.Model());
        using var checks = ChecksFor(peer);

        var blocked = await checks.MayRemoveBrokerAsync(5);
        foreach (var (topic, partition) in new[] { ("orders", 0), ("orders", 1), ("orders", 2), ("events", 1) })
            peer.Model.MoveReplicas(topic, partition, 3, 4);
        var drained = await checks.MayRemoveBrokerAsync(5);

        Assert.Equal(SafetyReason.Held, blocked.Reason);
        Assert.Equal(["events", "orders"], blocked.Gate!.Topics);
        Assert.Contains("broker 5 still holds 4 partition replica(s) of topic(s) events, orders", blocked.Message);
        Assert.True(drained.IsOpen, drained.Message);
    }

    [Fact]
    public async Task The_finalized_metadata_version_is_read_from_api_versions()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);

        var finalized = await checks.FinalizedMetadataVersionAsync();

        Assert.True(finalized.IsKnown);
        Assert.Equal(MetadataVersion.V3_8_IV0, finalized.Version);
        Assert.Equal("metadata.version is finalized at 3.8-IV0 (level 20)", finalized.Message);
    }

    [Fact]
    public async Task Metadata_version_is_raised_exactly_once_and_read_back()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);

        var raised = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_9_IV0.Level);
        var again = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_9_IV0.Level);

        Assert.Equal(MetadataVersionRaiseOutcome.Raised, raised.Outcome);
        Assert.Equal(MetadataVersion.V3_9_IV0.Level, raised.FinalizedLevel);
        Assert.Contains("raised from 3.8-IV0 (level 20) to 3.9-IV0 (level 21)", raised.Message);
        Assert.Equal(MetadataVersionRaiseOutcome.AlreadyFinalized, again.Outcome);
        Assert.True(again.IsDone);
        Assert.Single(peer.Peer.Answered, a => a.Api == ApiKey.UpdateFeatures);
        Assert.Equal(2, peer.Model.State.FinalizedFeaturesEpoch);
    }

    [Fact]
    public async Task A_downgrade_below_the_finalized_level_is_refused_without_asking_kafka()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);

        var refused = await checks.RaiseMetadataVersionAsync(MetadataVersion.V3_7_IV4.Level);

        Assert.Equal(MetadataVersionRaiseOutcome.DowngradeRefused, refused.Outcome);
        Assert.False(refused.IsDone);
        Assert.Contains("finalized at 3.8-IV0 (level 20); lowering it to 3.7-IV4 (level 19) is refused", refused.Message);
        Assert.DoesNotContain(peer.Peer.Answered, a => a.Api == ApiKey.UpdateFeatures);
        Assert.Equal(MetadataVersion.V3_8_IV0.Level, peer.Model.State.MetadataVersionLevel);
    }

    [Fact]
    public async Task Kafka_refuses_a_level_a_node_does_not_run_yet_and_nothing_changes()
    {
        await using var peer = new PeerFixture();
        using var checks = ChecksFor(peer);
        foreach (var node in new[] { 0, 1, 2, 3, 4 })
            peer.Model.SetNodeSupport(node, MetadataVersion.V4_0_IV3);

        var refused = await checks.RaiseMetadataVersionAsync(MetadataVersion.V4_0_IV3.Level);

        Assert.Equal(MetadataVersionRaiseOutcome.RefusedByKafka, refused.Outcome);
        Assert.Equal(KafkaError.InvalidUpdateVersion, refused.Failure!.Error);
        Assert.Contains("Node(s) 5 do not support it", refused.Message);
        Assert.Equal(MetadataVersion.V3_8_IV0.Level, (await checks.FinalizedMetadataVersionAsync()).Level);
    }
}
