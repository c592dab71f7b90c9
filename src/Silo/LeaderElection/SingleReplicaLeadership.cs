namespace Actors.Silo.LeaderElection;

/// <summary>
/// Leadership without election (--leader-elect=false, embedded mode): the only replica leads
/// from start-up until it stops. Running two replicas this way lets both act: do not.
/// </summary>
public sealed class SingleReplicaLeadership : LeadershipTerms
{
    public SingleReplicaLeadership(string identity) : base(identity) => BeginTerm("leader election is off: this is the only replica");

    /// <summary>Ends the term at shutdown so the operator's work stops.</summary>
    public void Stop() => EndTerm(null, "shutting down");
}
