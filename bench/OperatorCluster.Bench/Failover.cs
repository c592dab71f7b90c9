using System.Diagnostics;

namespace Actors.OperatorCluster.Bench;

/// <summary>
/// One kill, measured from the moment SIGKILL was sent: when a survivor logged the victim
/// declared dead, when the first and the last of the victim's clusters logged "Reconciling … on
/// this replica" on a survivor, and for the cluster that was mid-roll, the operator's first pod
/// write after the victim had exited (its first step on a survivor) and the end of the roll.
/// </summary>
public sealed record KillSample(
    string Victim, int VictimClusters, string Rolling, int RestartedBeforeKill,
    TimeSpan DeclaredDead, TimeSpan FirstTakeover, TimeSpan LastTakeover, TimeSpan FirstRollStep, TimeSpan RollComplete, bool AnyNodeRestartedTwice);

/// <summary>
/// Kills the replica hosting a cluster in the middle of that cluster's roll, measures the failover
/// (<see cref="KillSample"/>), then starts a replacement replica, as a ReplicaSet would, and waits
/// until it is Active and every cluster is at rest before the next kill.
/// </summary>
public sealed class Failover(ReplicaWorld world, Fleet fleet, Action<string> say)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private int replacements;

    public async Task<KillSample> KillMidRollAsync(string rolling)
    {
        var key = $"{ReplicaWorld.Namespace}/{rolling}";
        var victim = world.HostOf(key) ?? throw new InvalidOperationException($"no living replica reconciles {key}");
        var victimClusters = fleet.Names.Select(n => $"{ReplicaWorld.Namespace}/{n}").Where(c => world.HostOf(c) == victim).ToList();
        var mark = world.AuditMark();
        await fleet.RestartAsync(rolling);
        await UntilAsync(() => RollAudit.Deletions(world.Emulator.Audit.Records, rolling, mark).Count >= 2, $"{rolling}: two nodes restarted");

        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        var exited = world.AuditMark();
        var restartedBefore = RollAudit.Deletions(world.Emulator.Audit.Records, rolling, mark).Count;
        var survivors = world.Alive;

        DateTimeOffset? TakenOver(string cluster) =>
            survivors.SelectMany(s => s.Takeovers).Where(t => t.Cluster == cluster && t.Time > killedAt).Select(t => (DateTimeOffset?)t.Time).Min();
        await UntilAsync(() => victimClusters.All(c => TakenOver(c) is not null), $"{victim.Name}'s {victimClusters.Count} clusters reconciled on survivors");
        await UntilAsync(() => RollAudit.PodSteps(world.Emulator.Audit.Records, rolling, exited).Any(), $"{rolling}: a step after the kill");
        var firstStep = RollAudit.PodSteps(world.Emulator.Audit.Records, rolling, exited).First().Time;
        await UntilAsync(() => RollAudit.Deletions(world.Emulator.Audit.Records, rolling, mark).Select(d => d.Pod).Distinct().Count() >= fleet.NodesPerCluster,
            $"{rolling}: every node restarted");
        await fleet.UntilAllAtRestAsync(Stopwatch.StartNew(), Bound);
        var rollComplete = DateTimeOffset.UtcNow;
        var deletions = RollAudit.Deletions(world.Emulator.Audit.Records, rolling, mark);
        var deadSeen = survivors.SelectMany(s => s.DeathsSeen).Where(t => t > killedAt).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var takeovers = victimClusters.Select(c => TakenOver(c)!.Value).ToList();

        var sample = new KillSample(victim.Name, victimClusters.Count, rolling, restartedBefore,
            deadSeen - killedAt, takeovers.Min() - killedAt, takeovers.Max() - killedAt, firstStep - killedAt, rollComplete - killedAt,
            deletions.Count != deletions.Select(d => d.Pod).Distinct().Count());

        var replacement = await world.StartReplicaAsync($"replica-{(char)('d' + replacements++)}");
        say($"  {replacement.Name} Active in place of {victim.Name}");
        // The replacement takes the clusters whose home it is once the replicas' handover has seen the
        // Active set settle: the next kill waits until no cluster has moved for a while.
        var joined = DateTimeOffset.UtcNow;
        await UntilAsync(() => DateTimeOffset.UtcNow - joined > HandoverQuiet * 2
            && world.Alive.SelectMany(r => r.Takeovers).Max(t => t.Time) < DateTimeOffset.UtcNow - HandoverQuiet, "the clusters' moves to the replacement");
        say($"  spread after the handover: {string.Join(", ", world.Alive.Select(r => $"{r.Name} {fleet.Names.Count(n => world.HostOf($"{ReplicaWorld.Namespace}/{n}") == r)}"))}");
        return sample;
    }

    private static readonly TimeSpan HandoverQuiet = TimeSpan.FromSeconds(5);

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound) throw new TimeoutException($"{what}: not within {Bound.TotalSeconds:0} s");
            await Task.Delay(20);
        }
    }
}
