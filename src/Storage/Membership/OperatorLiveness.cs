using Orleans.Configuration;

namespace Actors.Storage.Membership;

/// <summary>
/// Membership settings for a few operator replicas that should notice a dead one within seconds
/// (README.md beside this file gives the reasoning). Failure is found by silos probing each other
/// directly, which costs no API requests; the table is written when a silo is voted dead and read
/// on refreshes, so only the heartbeat and refresh periods cost requests, and those stay modest.
/// </summary>
public static class OperatorLiveness
{
    public static void Apply(ClusterMembershipOptions options)
    {
        // Probes every ~2 s, each allowed 1–8 s as Orleans adapts to observed latency; three missed
        // in a row make a suspicion, two suspicions (both survivors of three) a death: ~6–8 s.
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;
        // Gossip spreads every change at once; the refresh is the backstop when gossip is lost.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(15);
        // Heartbeats mark rows stale for joining silos and for diagnosis; 10 s × 3 misses = 30 s.
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        options.NumMissedTableIAmAliveLimit = 3;
    }
}
