namespace Actors.Silo.LeaderElection;

/// <summary>
/// The bookkeeping every <see cref="ILeadership"/> shares: the current term's token, the
/// waiters for the next term and the change event. Thread-safe; a term ends at most once.
/// </summary>
public abstract class LeadershipTerms : ILeadership
{
    private readonly Lock gate = new();
    private CancellationTokenSource? term;
    private TaskCompletionSource<CancellationToken> next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? leader;

    protected LeadershipTerms(string identity) => Identity = identity;

    public string Identity { get; }

    public bool IsLeader
    {
        get { lock (gate) return term is not null; }
    }

    public string? Leader
    {
        get { lock (gate) return leader; }
    }

    public event Action<LeadershipChange>? Changed;

    public Task<CancellationToken> WhenLeadingAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return term is not null ? Task.FromResult(term.Token) : next.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts a term; false when one is already running.</summary>
    protected bool BeginTerm(string reason)
    {
        TaskCompletionSource<CancellationToken> waiting;
        CancellationTokenSource started;
        lock (gate)
        {
            if (term is not null) return false;
            started = term = new CancellationTokenSource();
            leader = Identity;
            waiting = next;
            next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        waiting.TrySetResult(started.Token);
        Changed?.Invoke(new(true, Identity, reason));
        return true;
    }

    /// <summary>Ends the running term, cancelling its token before anything else happens; false when none runs.</summary>
    protected bool EndTerm(string? newLeader, string reason)
    {
        CancellationTokenSource? ended;
        lock (gate)
        {
            ended = term;
            term = null;
            leader = newLeader;
        }

        if (ended is null) return false;
        ended.Cancel();
        ended.Dispose();
        Changed?.Invoke(new(false, newLeader, reason));
        return true;
    }

    /// <summary>Records another holder seen on the lease (no term change).</summary>
    protected void ObserveLeader(string? holder, string reason)
    {
        bool changed;
        lock (gate)
        {
            changed = term is null && leader != holder;
            if (term is null) leader = holder;
        }

        if (changed) Changed?.Invoke(new(false, holder, reason));
    }
}
