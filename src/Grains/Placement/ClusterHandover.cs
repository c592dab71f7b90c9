using Orleans.Core.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Placement;

/// <summary>
/// Moves this silo's KafkaCluster grains to their home (<see cref="ClusterHome"/>) when the Active
/// replicas change: a joining replica takes its share, and no cluster stays where a new activation
/// would no longer go. One small service per silo rather than a check on each cluster grain's timer,
/// because the coordinator and node grains have no timer (they would stay behind their cluster
/// grain until called) and a cluster at rest would wait for its resync.
/// It acts only on a set of Active replicas that has not changed for <see cref="Settle"/>, so a
/// cluster is not bounced about while membership settles (joining and shutting-down replicas are
/// not Active), and looks again every <see cref="Rescan"/> for a grain whose move did not happen
/// (Orleans places a migrating grain where its own view says; it may lag membership by a moment).
/// A move is Orleans' migration (<c>MigrateOnIdle</c>): the grain finishes the call in progress
/// (a coordinator's step), its persisted state goes with it, and every fate-deciding write stays
/// conditional, so a cluster may move mid-roll; its grains all follow the same choice and end together.
/// </summary>
public sealed partial class ClusterHandover(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    ClusterResidents residents,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<ClusterHandover> logger) : BackgroundService
{
    /// <summary>How long the Active replicas must stay the same before grains move.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>How often a settled silo looks again for grains not at home.</summary>
    public static readonly TimeSpan Rescan = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress> seen = [];
        var changedAt = time.GetUtcNow();
        DateTimeOffset? scannedAt = null;
        using var tick = new PeriodicTimer(Tick, time);
        try
        {
            while (await tick.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var active = ActiveReplicas(membership.CurrentSnapshot);
                if (!seen.SetEquals(active))
                {
                    (seen, changedAt, scannedAt) = (active, now, null);
                    continue;
                }
                if (now - changedAt < Settle || !active.Contains(local.SiloAddress)) continue;
                if (scannedAt is { } last && now - last < Rescan) continue;
                scannedAt = now;
                await HandOverAsync(Strays(residents.Current, active, local.SiloAddress), active, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public static HashSet<SiloAddress> ActiveReplicas(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];

    /// <summary>The grains among <paramref name="residents"/> whose home among <paramref name="active"/> is not <paramref name="here"/>.</summary>
    public static IReadOnlyList<GrainId> Strays(IEnumerable<GrainId> residents, IReadOnlyCollection<SiloAddress> active, SiloAddress here)
    {
        var homes = new Dictionary<string, SiloAddress>(StringComparer.Ordinal);
        var strays = new List<GrainId>();
        foreach (var grain in residents)
        {
            var cluster = ClusterHome.ClusterKeyOf(grain.Key.ToString());
            if (!homes.TryGetValue(cluster, out var home))
                homes[cluster] = home = ClusterHome.Choose(cluster, active, ClusterHomeDirector.ReplicaName);
            if (!home.Equals(here)) strays.Add(grain);
        }
        return strays;
    }

    private async Task HandOverAsync(IReadOnlyList<GrainId> strays, IReadOnlyCollection<SiloAddress> active, CancellationToken stoppingToken)
    {
        if (strays.Count == 0) return;
        LogHandingOver(strays.Count, strays.Select(g => ClusterHome.ClusterKeyOf(g.Key.ToString())).Distinct().Count(),
            string.Join(", ", active.Select(ClusterHomeDirector.ReplicaName).Order()));
        await Parallel.ForEachAsync(strays, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stoppingToken }, async (grain, _) =>
        {
            try
            {
                // Returns once the move is arranged; the grain leaves when its current call is done.
                await grains.GetGrain(grain).Cast<IGrainManagementExtension>().MigrateOnIdle();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogMoveFailed(grain, e.Message);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Handing {Grains} grains of {Clusters} clusters over to their home replicas; Active replicas: {Replicas}")]
    private partial void LogHandingOver(int grains, int clusters, string replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moving {Grain} to its home replica failed ({Reason}); looking again later")]
    private partial void LogMoveFailed(GrainId grain, string reason);
}
