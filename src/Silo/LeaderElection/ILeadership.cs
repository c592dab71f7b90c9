namespace Actors.Silo.LeaderElection;

/// <summary>
/// Whether this replica may act on clusters. Several replicas of the operator run; exactly one
/// leads and only the leader runs watchers and activates grains. The others stand by, serve
/// the read APIs, and take over when the leader's lease runs out.
/// <para>
/// Use it like this: wait for <see cref="WhenLeadingAsync"/>, start the operator's work with the
/// token it returns, and stop at once when that token is cancelled — the lease was lost, or
/// the replica is shutting down and is about to release it. A term never resumes: after a
/// cancelled token, wait again. <see cref="LeadershipExtensions.RunWhileLeadingAsync"/> does
/// exactly this loop.
/// </para>
/// </summary>
public interface ILeadership
{
    /// <summary>This replica's name on the lease: the pod name, or host and process id.</summary>
    string Identity { get; }

    /// <summary>True while this replica holds the lease and may act.</summary>
    bool IsLeader { get; }

    /// <summary>The holder last seen on the lease (this replica or another), null when none is known.</summary>
    string? Leader { get; }

    /// <summary>
    /// Completes when this replica leads (at once if it already does) with a token that is
    /// cancelled the moment it stops leading.
    /// </summary>
    Task<CancellationToken> WhenLeadingAsync(CancellationToken cancellationToken);

    /// <summary>Raised after this replica starts or stops leading, and when another holder is seen.</summary>
    event Action<LeadershipChange>? Changed;
}

/// <param name="IsLeader">Whether this replica leads after the change.</param>
/// <param name="Leader">The holder seen on the lease, null when none.</param>
/// <param name="Reason">What happened, in words for a log line, e.g. "renewal failed for 10s".</param>
public sealed record LeadershipChange(bool IsLeader, string? Leader, string Reason);
