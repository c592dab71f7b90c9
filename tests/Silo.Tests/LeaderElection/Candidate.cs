using Actors.Silo.LeaderElection;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Silo.Tests.LeaderElection;

/// <summary>One replica taking part in the election: its elector running on the shared fake clock.</summary>
public sealed class Candidate : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    private Candidate(LeaderElector elector, NetworkLink link)
    {
        Elector = elector;
        Link = link;
    }

    public LeaderElector Elector { get; }
    public NetworkLink Link { get; }
    public string Identity => Elector.Identity;
    public bool IsLeader => Elector.IsLeader;
    public long Attempts => Elector.Attempts;

    public static LeaderElectionOptions Options(string identity) => new() { LeaseNamespace = "kube-system", Identity = identity };

    /// <summary>Starts the elector and waits for its first try to finish.</summary>
    public static async Task<Candidate> StartAsync(EmulatedCluster cluster, FakeTimeProvider clock, string identity)
    {
        var candidate = Create(cluster, clock, identity);
        candidate.Run();
        await candidate.AttemptedAsync(1);
        return candidate;
    }

    public static Candidate Create(EmulatedCluster cluster, FakeTimeProvider clock, string identity)
    {
        var client = cluster.Client(out var link);
        return new Candidate(new LeaderElector(client, Options(identity), clock), link);
    }

    public void Run() => running = Task.Run(() => Elector.RunAsync(stopping.Token));

    public Task AttemptedAsync(long count) =>
        Eventually.UntilAsync(() => Elector.Attempts >= count, $"{Identity} has made {count} tries");

    /// <summary>Stops trying, as a crashed replica does: the lease is left as it is.</summary>
    public async Task CrashAsync()
    {
        await stopping.CancelAsync();
        await running;
    }

    /// <summary>A clean shutdown: stop trying, then release the lease.</summary>
    public async Task ShutDownAsync()
    {
        await CrashAsync();
        await Elector.ReleaseAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        Elector.Dispose();
        stopping.Dispose();
    }
}
