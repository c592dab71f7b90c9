using Actors.Silo.LeaderElection;

namespace Actors.Silo.Tests.LeaderElection;

public sealed class LeadershipTermsTests
{
    [Fact]
    public async Task Work_runs_during_each_term_and_its_token_is_cancelled_when_the_term_ends()
    {
        var leadership = new GrantedLeadership();
        var started = new List<CancellationToken>();
        var signal = new SemaphoreSlim(0);
        using var stopping = new CancellationTokenSource();
        var loop = leadership.RunWhileLeadingAsync(async token =>
        {
            lock (started) started.Add(token);
            signal.Release();
            await Task.Delay(Timeout.Infinite, token);
        }, stopping.Token);

        Assert.Empty(started);
        leadership.Grant();
        Assert.True(await signal.WaitAsync(Eventually.Limit));
        leadership.Revoke();
        Assert.True(started[0].IsCancellationRequested);
        Assert.False(leadership.IsLeader);
        Assert.Equal("other-replica", leadership.Leader);

        leadership.Grant();
        Assert.True(await signal.WaitAsync(Eventually.Limit));
        Assert.False(started[1].IsCancellationRequested);

        await stopping.CancelAsync();
        await loop.WaitAsync(Eventually.Limit);
        Assert.True(started[1].IsCancellationRequested);
    }

    [Fact]
    public async Task Waiting_for_leadership_returns_at_once_while_leading_and_the_token_of_the_current_term()
    {
        var leadership = new GrantedLeadership();
        leadership.Grant();

        var first = await leadership.WhenLeadingAsync(CancellationToken.None);
        var second = await leadership.WhenLeadingAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(leadership.Identity, leadership.Leader);
    }

    [Fact]
    public async Task Single_replica_leadership_leads_from_the_start_until_the_host_stops()
    {
        var single = new Actors.Silo.LeaderElection.SingleReplicaLeadership("only");
        var term = await single.WhenLeadingAsync(CancellationToken.None);
        Assert.True(single.IsLeader);

        await single.StopAsync(CancellationToken.None);

        Assert.True(term.IsCancellationRequested);
        Assert.False(single.IsLeader);
    }
}
