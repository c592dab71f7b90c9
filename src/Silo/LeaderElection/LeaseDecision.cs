using k8s.Models;

namespace Actors.Silo.LeaderElection;

/// <summary>What a candidate does with the lease it has just read.</summary>
public enum LeaseAction
{
    /// <summary>No lease exists: create it, holding it.</summary>
    Create,
    /// <summary>The lease is free (released) or its holder stopped renewing it: take it over.</summary>
    Acquire,
    /// <summary>This candidate holds the lease: renew it.</summary>
    Renew,
    /// <summary>Another holder's lease is still running: stand by.</summary>
    StandBy,
}

/// <summary>
/// The election's decision, as client-go's leader election makes it. A holder's lease runs out
/// when the record has not changed for its leaseDurationSeconds as measured by the candidate's
/// own clock from the moment it first saw that record (<paramref name="observedAt"/>); the
/// renewTime written by the holder is never compared with the local clock, so clock skew
/// between replicas cannot cut a lease short. Pure: the elector supplies every input.
/// </summary>
public static class LeaseDecision
{
    public static LeaseAction Decide(V1LeaseSpec? record, string identity, DateTimeOffset observedAt, DateTimeOffset now)
    {
        if (record is null) return LeaseAction.Create;
        var holder = record.HolderIdentity;
        if (holder == identity) return LeaseAction.Renew;
        if (string.IsNullOrEmpty(holder)) return LeaseAction.Acquire;
        var duration = TimeSpan.FromSeconds(Math.Max(0, record.LeaseDurationSeconds ?? 0));
        return observedAt + duration <= now ? LeaseAction.Acquire : LeaseAction.StandBy;
    }

    /// <summary>The record to write for <paramref name="action"/> (Create, Acquire or Renew).</summary>
    public static V1LeaseSpec Next(LeaseAction action, V1LeaseSpec? current, string identity, DateTimeOffset now, TimeSpan leaseDuration)
    {
        var seconds = (int)leaseDuration.TotalSeconds;
        return action switch
        {
            LeaseAction.Create => new V1LeaseSpec
            {
                HolderIdentity = identity, LeaseDurationSeconds = seconds, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime, LeaseTransitions = 0,
            },
            LeaseAction.Acquire => new V1LeaseSpec
            {
                HolderIdentity = identity, LeaseDurationSeconds = seconds, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime,
                LeaseTransitions = (current?.LeaseTransitions ?? 0) + 1,
            },
            LeaseAction.Renew => new V1LeaseSpec
            {
                HolderIdentity = identity, LeaseDurationSeconds = seconds, AcquireTime = current?.AcquireTime ?? now.UtcDateTime, RenewTime = now.UtcDateTime,
                LeaseTransitions = current?.LeaseTransitions ?? 0,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Standing by writes nothing."),
        };
    }

    /// <summary>
    /// The record a leader leaves when it steps down cleanly: no holder and a one-second lease,
    /// so a standby acquires it at its next try instead of waiting out the lease duration.
    /// </summary>
    public static V1LeaseSpec Released(V1LeaseSpec current, DateTimeOffset now) => new()
    {
        HolderIdentity = "", LeaseDurationSeconds = 1, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime, LeaseTransitions = current.LeaseTransitions ?? 0,
    };

    /// <summary>Whether two records are the same observation (the holder wrote nothing in between).</summary>
    public static bool SameRecord(V1LeaseSpec? a, V1LeaseSpec? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.HolderIdentity == b.HolderIdentity && a.LeaseDurationSeconds == b.LeaseDurationSeconds
              && a.AcquireTime == b.AcquireTime && a.RenewTime == b.RenewTime && a.LeaseTransitions == b.LeaseTransitions;
}
