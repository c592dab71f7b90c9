using Actors.Kafka.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kafka.Tests.Safety;

/// <summary>
/// Random quorums over nodes 0-6: 1-5 voters, a leader among them, none (-1) or a node that is
/// not a voter; each voter's caught-up time anywhere from on time to far behind the leader, or
/// unknown (-1, the leader's own included); any controller asked about and any set of voters
/// still awaiting their restart.
/// </summary>
internal static class QuorumGen
{
    public const long LeaderNowMs = 1_700_000_000_000;
    public const int Nodes = 7;

    public static Gen<ControllerQuorum> Quorum =>
        from ids in Gen.Shuffle(Enumerable.Range(0, Nodes).ToArray()).SelectMany(all => Gen.Choose(1, 5).Select(n => all.Take(n).ToArray()))
        from lags in Gen.ArrayOf(Gen.OneOf(Gen.Constant(-1L), Gen.Choose(0, 5000).Select(ms => (long)ms), Gen.Constant(0L)), ids.Length)
        from leaderPick in Gen.Choose(-1, ids.Length)
        let leader = leaderPick < 0 ? ControllerQuorum.NoLeader : leaderPick < ids.Length ? ids[leaderPick] : Enumerable.Range(0, Nodes + 1).First(id => !ids.Contains(id))
        select new ControllerQuorum(leader, ids.Select((id, i) => new VoterProgress(id,
            lags[i] < 0 ? -1 : id == leader && lags[i] > 0 ? LeaderNowMs : LeaderNowMs - lags[i])).ToList());

    public static Gen<int> Controller => Gen.Choose(0, Nodes - 1);

    public static Gen<int[]> Awaiting => Gen.SubListOf(Enumerable.Range(0, Nodes).ToArray()).Select(l => l.ToArray());

    public static Gen<TimeSpan> FetchTimeout => Gen.Choose(500, 3000).Select(ms => TimeSpan.FromMilliseconds(ms));
}
