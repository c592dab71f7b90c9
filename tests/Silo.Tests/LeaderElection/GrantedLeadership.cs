using Actors.Silo.LeaderElection;

namespace Actors.Silo.Tests.LeaderElection;

/// <summary>Leadership a test hands out and takes back.</summary>
public sealed class GrantedLeadership(string identity = "test-replica") : LeadershipTerms(identity)
{
    public void Grant() => BeginTerm("granted by the test");
    public void Revoke(string? newLeader = "other-replica") => EndTerm(newLeader, "revoked by the test");
}
