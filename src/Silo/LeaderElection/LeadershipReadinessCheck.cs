using Actors.Silo.Health;

namespace Actors.Silo.LeaderElection;

/// <summary>
/// The leader-election part of /readyz. A standby is ready too — it serves the read APIs and
/// must pass its probe for a rolling update to proceed — so this check always passes and its
/// detail says which replica leads.
/// </summary>
public sealed class LeadershipReadinessCheck(ILeadership leadership) : IReadinessCheck
{
    public string Name => "leader-election";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var leader = leadership.Leader;
        var detail = leadership.IsLeader ? $"leading as {leadership.Identity}"
            : leader is { Length: > 0 } ? $"standing by as {leadership.Identity}; {leader} leads"
            : $"standing by as {leadership.Identity}; no leader yet";
        return ValueTask.FromResult(new ReadinessResult(true, detail));
    }
}
