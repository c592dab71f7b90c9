using Actors.Grains.Hosting;
using Actors.Grains.Placement;
using Orleans.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Watchers;

/// <summary>
/// Wakes the clusters whose grains died with a replica when it is declared dead. A dead replica's
/// cluster grains are virtual: they come back on a survivor at their next call, but a cluster at rest
/// (or mid-roll, between events) gets no call: its timer died with its silo. A wake reactivates it
/// here or on another survivor. Only the clusters whose home was a dead replica are woken
/// (<see cref="DeadReplicaClusters"/>, over the Active sets seen lately, <see cref="ActiveReplicaHistory"/>):
/// the others' grains never lived there. Every survivor wakes the same clusters, from its own view of
/// membership: the wakes of one cluster end in one activation, and one survivor's wake is enough.
/// </summary>
public sealed class ReplicaDeaths(
    IClusterMembershipService membership,
    OperatorInformers informers,
    ReconcileTrigger trigger,
    TimeProvider time,
    ILogger<ReplicaDeaths> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var history = new ActiveReplicaHistory();
        var previous = membership.CurrentSnapshot;
        Record(history, previous);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var dead = NewlyDead(previous, snapshot).Select(ClusterHomeDirector.ReplicaName).Distinct().ToList();
                if (dead.Count > 0) Wake(history, dead);
                Record(history, snapshot);
                history.Buried(dead);
                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Wake(ActiveReplicaHistory history, IReadOnlyList<string> dead)
    {
        var known = informers.Clusters.List()
            .Select(c => c.Metadata is { NamespaceProperty: { } ns, Name: { } name } ? $"{ns}/{name}" : null)
            .OfType<string>().ToList();
        var clusters = DeadReplicaClusters.ToWake(known, history.Recent(time.GetUtcNow()), [.. dead.Where(history.WasActive)]);
        logger.LogWarning("Replica {Silos} declared dead: waking the {Count} of {Known} clusters whose home it was, so that they carry on here or on another survivor",
            string.Join(", ", dead), clusters.Count, known.Count);
        foreach (var cluster in clusters) trigger.Trigger(cluster);
    }

    private void Record(ActiveReplicaHistory history, ClusterMembershipSnapshot snapshot) =>
        history.Saw(Named(snapshot, SiloStatus.Active), Named(snapshot, SiloStatus.ShuttingDown, SiloStatus.Stopping), time.GetUtcNow());

    private static IEnumerable<string> Named(ClusterMembershipSnapshot snapshot, params SiloStatus[] statuses) =>
        snapshot.Members.Values.Where(m => statuses.Contains(m.Status)).Select(m => ClusterHomeDirector.ReplicaName(m.SiloAddress));

    /// <summary>Silos Dead in <paramref name="current"/> that were not in <paramref name="previous"/>.</summary>
    public static IReadOnlyList<SiloAddress> NewlyDead(ClusterMembershipSnapshot previous, ClusterMembershipSnapshot current) =>
        [.. current.Members.Values
            .Where(member => member.Status == SiloStatus.Dead && previous.GetSiloStatus(member.SiloAddress) != SiloStatus.Dead)
            .Select(member => member.SiloAddress)];
}
