using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.LeaderElection;

/// <summary>
/// Two replicas elect a leader on a Lease in the emulator. Time is a manual clock that only
/// moves when a test advances it, one retry period (2 s) at a time, after every running
/// candidate has finished its try; so every assertion about seconds is exact.
/// </summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider clock = new(TestTime.Start);
    private readonly List<Candidate> candidates = [];
    private EmulatedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await EmulatedCluster.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var candidate in candidates) await candidate.DisposeAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task One_replica_leads_and_the_other_stands_by_naming_the_leader()
    {
        var a = await Start("replica-a");
        var b = await Start("replica-b");

        for (var i = 0; i < 5; i++) await Step(a, b);

        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);
        Assert.Equal("replica-a", b.Elector.Leader);
        var lease = await Lease();
        Assert.Equal("replica-a", lease.Spec!.HolderIdentity);
        Assert.Equal(15, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, lease.Spec.RenewTime);
    }

    [Fact]
    public async Task Of_two_replicas_starting_together_exactly_one_leads()
    {
        var a = Candidate.Create(cluster, clock, "replica-a");
        var b = Candidate.Create(cluster, clock, "replica-b");
        candidates.AddRange([a, b]);
        a.Run();
        b.Run();
        await a.AttemptedAsync(1);
        await b.AttemptedAsync(1);
        await Step(a, b);

        Assert.True(a.IsLeader ^ b.IsLeader, $"a leads: {a.IsLeader}, b leads: {b.IsLeader}");
        Assert.Equal(a.IsLeader ? "replica-a" : "replica-b", (await Lease()).Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Standby_takes_over_once_the_lease_duration_has_passed_without_renewal()
    {
        var a = await Start("replica-a");
        await Step(a);
        var lastRenewal = clock.GetUtcNow();
        var b = await Start("replica-b"); // first sees the lease as renewed at lastRenewal

        await a.CrashAsync();
        var waited = TimeSpan.Zero;
        while (!b.IsLeader)
        {
            Assert.True(waited <= TimeSpan.FromSeconds(15) + Retry, $"replica-b still stands by {waited.TotalSeconds}s after the last renewal");
            await Step(b);
            waited = clock.GetUtcNow() - lastRenewal;
        }

        // Never before the lease ran out (safety), and at the first try after it did (liveness).
        Assert.Equal(TimeSpan.FromSeconds(16), waited);
        var lease = await Lease();
        Assert.Equal("replica-b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
    }

    [Fact]
    public async Task Leader_that_cannot_renew_stops_leading_the_moment_the_renew_deadline_passes()
    {
        var a = await Start("replica-a");
        var term = await a.Elector.WhenLeadingAsync(CancellationToken.None);
        var lastRenewal = clock.GetUtcNow();

        a.Link.Cut();
        for (var i = 0; i < 4; i++) await Step(a); // tries at 2, 4, 6 and 8 s all fail
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.True(a.IsLeader);
        Assert.False(term.IsCancellationRequested);

        clock.Advance(TimeSpan.FromMilliseconds(1)); // 10 s after the last renewal

        Assert.Equal(TimeSpan.FromSeconds(10), clock.GetUtcNow() - lastRenewal);
        Assert.False(a.IsLeader);
        Assert.True(term.IsCancellationRequested);
    }

    [Fact]
    public async Task Leader_that_finds_another_holder_on_the_lease_stops_at_once()
    {
        var a = await Start("replica-a");
        var term = await a.Elector.WhenLeadingAsync(CancellationToken.None);
        var lease = await Lease();
        lease.Spec!.HolderIdentity = "replica-c";
        await cluster.Client().CoordinationV1.ReplaceNamespacedLeaseAsync(lease, lease.Metadata.Name, lease.Metadata.NamespaceProperty);

        await Step(a);

        Assert.False(a.IsLeader);
        Assert.True(term.IsCancellationRequested);
        Assert.Equal("replica-c", a.Elector.Leader);
    }

    [Fact]
    public async Task Clean_release_lets_the_standby_take_over_at_its_next_try()
    {
        var a = await Start("replica-a");
        var b = await Start("replica-b");
        await Step(a, b);

        await a.ShutDownAsync();
        Assert.False(a.IsLeader);
        Assert.Equal("", (await Lease()).Spec!.HolderIdentity);

        await Step(b);

        Assert.True(b.IsLeader);
        Assert.Equal("replica-b", (await Lease()).Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Waiting_for_leadership_completes_when_the_standby_takes_over()
    {
        var a = await Start("replica-a");
        var b = await Start("replica-b");
        var leading = b.Elector.WhenLeadingAsync(CancellationToken.None);
        var changes = new List<bool>();
        b.Elector.Changed += change => { lock (changes) changes.Add(change.IsLeader); };
        Assert.False(leading.IsCompleted);

        await a.ShutDownAsync();
        await Step(b);

        var term = await leading.WaitAsync(Eventually.Limit);
        Assert.False(term.IsCancellationRequested);
        lock (changes) Assert.Equal([true], changes);
    }

    private async Task<Candidate> Start(string identity)
    {
        var candidate = await Candidate.StartAsync(cluster, clock, identity);
        candidates.Add(candidate);
        return candidate;
    }

    /// <summary>Advances one retry period and waits until each running candidate has made its next try.</summary>
    private async Task Step(params Candidate[] running)
    {
        var before = running.Select(c => c.Attempts).ToArray();
        clock.Advance(Retry);
        for (var i = 0; i < running.Length; i++) await running[i].AttemptedAsync(before[i] + 1);
    }

    private Task<V1Lease> Lease() =>
        cluster.Client().CoordinationV1.ReadNamespacedLeaseAsync(Actors.Silo.LeaderElection.LeaderElectionOptions.DefaultLeaseName, "kube-system");
}
