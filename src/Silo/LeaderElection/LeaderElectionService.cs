namespace Actors.Silo.LeaderElection;

/// <summary>
/// Runs the <see cref="LeaderElector"/> for the host's lifetime. Registered before the
/// operator's work, so the host stops it last: by then the grains and watchers have stopped,
/// and the lease is released for the next leader.
/// </summary>
public sealed class LeaderElectionService(LeaderElector elector) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => elector.RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await loop.WaitAsync(cancellationToken);
        await elector.ReleaseAsync(cancellationToken);
        stopping.Dispose();
    }
}
