namespace Actors.Silo.LeaderElection;

/// <summary>
/// Leadership without election (--leader-elect=false, embedded mode): the only replica leads
/// from start-up until the host stops. Running two replicas this way lets both act: do not.
/// </summary>
public sealed class SingleReplicaLeadership : LeadershipTerms, IHostedService
{
    public SingleReplicaLeadership(string identity) : base(identity) => BeginTerm("leader election is off: this is the only replica");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends the term at shutdown so the operator's work stops.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        EndTerm(null, "shutting down");
        return Task.CompletedTask;
    }
}
