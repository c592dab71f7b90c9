using Actors.Grains.Hosting;
using Orleans.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Watchers;

/// <summary>
/// Wakes every cluster this replica watches when another replica is declared dead. A dead
/// replica's cluster grains are virtual: they come back on a survivor at their next call, but a
/// cluster at rest (or mid-roll, between events) gets no call: its timer died with its silo. A wake
/// reactivates it here or on another survivor; a grain alive elsewhere just looks once more.
/// </summary>
public sealed class ReplicaDeaths(
    IClusterMembershipService membership,
    OperatorInformers informers,
    ReconcileTrigger trigger,
    ILogger<ReplicaDeaths> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var dead = NewlyDead(previous, snapshot);
                previous = snapshot;
                if (dead.Count == 0) continue;
                var clusters = informers.Clusters.List();
                logger.LogWarning("Replica {Silos} declared dead: waking the {Count} clusters this replica watches, so that its clusters carry on here or on another survivor",
                    string.Join(", ", dead), clusters.Count);
                foreach (var cluster in clusters)
                    if (cluster.Metadata is { NamespaceProperty: { } ns, Name: { } name }) trigger.Trigger($"{ns}/{name}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Silos Dead in <paramref name="current"/> that were not in <paramref name="previous"/>.</summary>
    public static IReadOnlyList<SiloAddress> NewlyDead(ClusterMembershipSnapshot previous, ClusterMembershipSnapshot current) =>
        [.. current.Members.Values
            .Where(member => member.Status == SiloStatus.Dead && previous.GetSiloStatus(member.SiloAddress) != SiloStatus.Dead)
            .Select(member => member.SiloAddress)];
}
