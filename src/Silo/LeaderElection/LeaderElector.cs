using Actors.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Silo.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, as client-go does it. Every retry period
/// the elector reads the lease and acts on <see cref="LeaseDecision"/>: create, acquire, renew
/// or stand by. Writes replace the lease with the resourceVersion that was read, so of two
/// candidates racing for an expired lease exactly one wins (the other gets 409).
/// <para>
/// A leader stops leading at once — its term's token is cancelled — when it finds another
/// holder on the lease, or when no renewal has succeeded for the renew deadline (a timer on the
/// elector's clock, so a renewal hanging on a dead connection cannot keep it leading). A clean
/// stop (<see cref="ReleaseAsync"/>) ends the term first and then clears the holder, so a
/// standby takes over at its next try.
/// </para>
/// </summary>
public sealed class LeaderElector : LeadershipTerms, IDisposable
{
    private readonly ResourceClient<Lease> leases;
    private readonly LeaderElectionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly ITimer renewDeadline;
    private LeaseSpec? observed;
    private DateTimeOffset observedAt;
    private Lease? latest;
    private DateTimeOffset lastRenewal;
    private long attempts;

    public LeaderElector(KubernetesClient client, LeaderElectionOptions options, TimeProvider time, ILogger<LeaderElector>? logger = null)
        : base(options.Identity)
    {
        options.Validate();
        leases = client.Resource<Lease>();
        this.options = options;
        this.time = time;
        this.logger = logger ?? NullLogger<LeaderElector>.Instance;
        renewDeadline = time.CreateTimer(_ => OnRenewDeadline(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public LeaderElectionOptions Options => options;

    /// <summary>
    /// Tries made so far. A try is counted once it has finished and the next one is scheduled
    /// on the clock, so a test that sees the count rise may advance its clock safely.
    /// </summary>
    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>
    /// Tries to acquire or renew every retry period (counted from the end of the previous try)
    /// until <paramref name="stopping"/> fires. When the loop ends the term ends too; the lease
    /// is left as it is (see <see cref="ReleaseAsync"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        logger.LogInformation("Leader election: {Identity} is a candidate for lease {Namespace}/{Lease}", Identity, options.LeaseNamespace, options.LeaseName);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await TryAcquireOrRenewAsync(stopping).ConfigureAwait(false);
                var next = Task.Delay(options.RetryPeriod, time, stopping);
                Interlocked.Increment(ref attempts);
                await next.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            StopRenewDeadline();
            EndTerm(null, "leader election stopped");
        }
    }

    /// <summary>
    /// Steps down cleanly: ends the term (cancelling the work) and, if this replica still holds
    /// the lease, clears its holder. Call after <see cref="RunAsync"/> has returned.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        StopRenewDeadline();
        EndTerm(null, "released the lease");
        Lease? current;
        lock (gate) current = latest;
        if (current?.Spec?.HolderIdentity != Identity) return;
        try
        {
            // Read again: releasing from a stale copy would fail with 409 anyway, and reading
            // first means we never clear a holder that is no longer us.
            var fresh = await leases.GetAsync(options.LeaseName, options.LeaseNamespace, cancellationToken).ConfigureAwait(false);
            if (fresh.Spec?.HolderIdentity != Identity) return;
            fresh.Spec = LeaseDecision.Released(fresh.Spec, time.GetUtcNow());
            await leases.ReplaceAsync(fresh, cancellationToken: cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Leader election: {Identity} released lease {Namespace}/{Lease}", Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (IsTransient(e))
        {
            logger.LogWarning("Leader election: {Identity} could not release lease {Namespace}/{Lease}; a standby takes over when it expires: {Error}",
                Identity, options.LeaseNamespace, options.LeaseName, e.Message);
        }
    }

    private async Task TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        try
        {
            var lease = await leases.TryGetAsync(options.LeaseName, options.LeaseNamespace, cancellationToken).ConfigureAwait(false);
            DateTimeOffset seenAt;
            lock (gate)
            {
                if (!LeaseDecision.SameRecord(observed, lease?.Spec))
                {
                    observed = lease?.Spec;
                    observedAt = started;
                }

                latest = lease;
                seenAt = observedAt;
            }

            var action = LeaseDecision.Decide(lease?.Spec, Identity, seenAt, started);
            if (action == LeaseAction.StandBy)
            {
                var holder = lease!.Spec!.HolderIdentity;
                if (EndTerm(holder, $"the lease is held by {holder}"))
                {
                    StopRenewDeadline();
                    logger.LogWarning("Leader election: {Identity} stopped leading: lease {Namespace}/{Lease} is held by {Holder}", Identity, options.LeaseNamespace, options.LeaseName, holder);
                }
                else
                {
                    ObserveLeader(holder, $"{holder} leads");
                }

                return;
            }

            var record = LeaseDecision.Next(action, lease?.Spec, Identity, started, options.LeaseDuration);
            Lease written;
            if (lease is null)
            {
                written = await leases.CreateAsync(new Lease
                {
                    Metadata = new ObjectMeta { Name = options.LeaseName, Namespace = options.LeaseNamespace },
                    Spec = record,
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                lease.Spec = record;
                written = await leases.ReplaceAsync(lease, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            Renewed(written, started, action);
        }
        catch (Exception e) when (e is KubernetesConflictException or KubernetesAlreadyExistsException)
        {
            // Another candidate wrote first; the next read shows who.
            logger.LogDebug("Leader election: {Identity} lost a race for lease {Namespace}/{Lease}", Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Leader election: {Identity} could not read or write lease {Namespace}/{Lease}: {Error}", Identity, options.LeaseNamespace, options.LeaseName, e.Message);
        }
    }

    private void Renewed(Lease written, DateTimeOffset started, LeaseAction action)
    {
        var now = time.GetUtcNow();
        var left = options.RenewDeadline - (now - started);
        lock (gate)
        {
            latest = written;
            observed = written.Spec;
            observedAt = started;
            if (left <= TimeSpan.Zero) return; // too late to count: the deadline has passed meanwhile
            lastRenewal = started;
            renewDeadline.Change(left, Timeout.InfiniteTimeSpan);
        }

        if (BeginTerm(action == LeaseAction.Renew ? "renewed its own lease" : "acquired the lease"))
            logger.LogInformation("Leader election: {Identity} is leading (lease {Namespace}/{Lease})", Identity, options.LeaseNamespace, options.LeaseName);
    }

    private void OnRenewDeadline()
    {
        lock (gate)
        {
            if (time.GetUtcNow() - lastRenewal < options.RenewDeadline) return; // a renewal won the race
        }

        if (EndTerm(null, $"could not renew the lease for {options.RenewDeadline.TotalSeconds:0}s"))
            logger.LogWarning("Leader election: {Identity} stopped leading: no renewal of lease {Namespace}/{Lease} for {Seconds}s",
                Identity, options.LeaseNamespace, options.LeaseName, options.RenewDeadline.TotalSeconds);
    }

    private void StopRenewDeadline()
    {
        lock (gate) renewDeadline.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private static bool IsTransient(Exception e) =>
        e is KubernetesApiException or HttpRequestException or TimeoutException or IOException or OperationCanceledException;

    public void Dispose() => renewDeadline.Dispose();
}
