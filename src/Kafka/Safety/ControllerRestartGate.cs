namespace Actors.Kafka.Safety;

/// <summary>
/// The Kafka-aware check before a KRaft controller restarts: the quorum must stay available
/// without it. Kept, as Strimzi's roller keeps it, and then some:
/// <list type="bullet">
/// <item>there is a leader to measure against;</item>
/// <item>every other voter caught up with the leader: its last caught-up time at most
/// <c>controller.quorum.fetch.timeout.ms</c> before the leader's (a voter further behind is the one
/// the quorum would wait for, or lose, while this one is down);</item>
/// <item>the caught-up voters other than this one are still a majority of all voters (so a
/// one- or two-voter quorum never lets a controller restart: it cannot stay available);</item>
/// <item>the active controller goes last: closed for the leader while another voter still
/// awaits its restart, so the roll moves leadership once, not at every step.</item>
/// </list>
/// Pure: no I/O, no clock (timestamps are the leader's, compared with each other).
/// </summary>
public static class ControllerRestartGate
{
    public const string FetchTimeoutConfig = "controller.quorum.fetch.timeout.ms";

    /// <summary>Kafka's default for <see cref="FetchTimeoutConfig"/>.</summary>
    public static readonly TimeSpan DefaultFetchTimeout = TimeSpan.FromMilliseconds(2000);

    /// <param name="quorum">What DescribeQuorum reported.</param>
    /// <param name="controllerId">The controller to restart.</param>
    /// <param name="awaitingRestart">The voters this roll has still to restart (the controller itself may be among them).</param>
    /// <param name="fetchTimeout">The cluster's <c>controller.quorum.fetch.timeout.ms</c>.</param>
    public static ControllerRestartVerdict Decide(
        ControllerQuorum quorum, int controllerId, IReadOnlyCollection<int> awaitingRestart, TimeSpan fetchTimeout)
    {
        var holds = new List<QuorumHold>();
        var voterIds = quorum.Voters.Select(v => v.NodeId).Order().ToList();
        if (quorum.Voter(controllerId) is null)
            holds.Add(new QuorumHold(QuorumHoldReason.NotAVoter, [controllerId],
                $"node {controllerId} is not a voter of the quorum (voters {Ids(voterIds)})"));

        var leader = quorum.Voter(quorum.LeaderId);
        if (leader is null || leader.LastCaughtUpTimestampMs < 0)
        {
            holds.Add(new QuorumHold(QuorumHoldReason.NoLeader, [],
                quorum.LeaderId == ControllerQuorum.NoLeader ? "the quorum has no leader (an election is on)"
                : leader is null ? $"the quorum's leader {quorum.LeaderId} is not one of its voters ({Ids(voterIds)})"
                : $"the quorum's leader {quorum.LeaderId} reports no caught-up time"));
            return new ControllerRestartVerdict(controllerId, holds);
        }

        var timeoutMs = (long)fetchTimeout.TotalMilliseconds;
        bool CaughtUp(VoterProgress v) => IsCaughtUp(v, leader.LastCaughtUpTimestampMs, timeoutMs);
        var others = quorum.Voters.Where(v => v.NodeId != controllerId).OrderBy(v => v.NodeId).ToList();

        var lagging = others.Where(v => !CaughtUp(v)).ToList();
        if (lagging.Count > 0)
            holds.Add(new QuorumHold(QuorumHoldReason.VotersLagging, lagging.Select(v => v.NodeId).ToList(),
                $"voter(s) {Ids(lagging.Select(v => v.NodeId))} not caught up with leader {leader.NodeId} within " +
                $"{FetchTimeoutConfig} {timeoutMs} ({string.Join(", ", lagging.Select(v => Behind(v, leader)))})"));

        var caughtUpWithout = others.Count(CaughtUp);
        if (caughtUpWithout < quorum.Majority)
            holds.Add(new QuorumHold(QuorumHoldReason.NoMajorityWithout, others.Where(CaughtUp).Select(v => v.NodeId).ToList(),
                $"without it {caughtUpWithout} of {quorum.Voters.Count} voter(s) would be caught up, fewer than the majority of {quorum.Majority}"));

        if (controllerId == leader.NodeId)
        {
            var waiting = awaitingRestart.Where(id => id != controllerId && quorum.Voter(id) is not null).Distinct().Order().ToList();
            if (waiting.Count > 0)
                holds.Add(new QuorumHold(QuorumHoldReason.ActiveControllerGoesLast, waiting,
                    $"it is the active controller and goes last: voter(s) {Ids(waiting)} still await their restart"));
        }
        return new ControllerRestartVerdict(controllerId, holds);
    }

    /// <summary>Caught up: its last caught-up time is known and at most the fetch timeout before the leader's.</summary>
    public static bool IsCaughtUp(VoterProgress voter, long leaderCaughtUpMs, long fetchTimeoutMs) =>
        voter.LastCaughtUpTimestampMs >= 0 && leaderCaughtUpMs - voter.LastCaughtUpTimestampMs <= fetchTimeoutMs;

    private static string Behind(VoterProgress voter, VoterProgress leader) =>
        voter.LastCaughtUpTimestampMs < 0
            ? $"{voter.NodeId} never caught up"
            : $"{voter.NodeId} {leader.LastCaughtUpTimestampMs - voter.LastCaughtUpTimestampMs} ms behind";

    private static string Ids(IEnumerable<int> ids) => string.Join(", ", ids);
}
