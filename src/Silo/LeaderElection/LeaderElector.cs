using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
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
/// <para>
/// Why not the official client's <c>k8s.LeaderElection.LeaderElector</c> with a <c>LeaseLock</c>
/// (KubernetesClient 21.0.8): it measures lease expiry and renew deadlines on the wall clock and
/// takes no <see cref="TimeProvider"/>, so the election tests could not drive it second by second
/// on a fake clock; and when its run is cancelled it stops renewing but leaves itself as the
/// Lease's holder (seen in a probe against the emulator), so a standby would wait out the whole
/// lease duration after every clean rollout instead of taking over at its next try. The decision stays pure in <see cref="LeaseDecision"/>; this class is the thin
/// effect around it, reading and writing the <see cref="V1Lease"/> through the official client's
/// <c>CoordinationV1</c> verbs.
/// </para>
/// </summary>
public sealed class LeaderElector : LeadershipTerms, IDisposable
{
    private readonly ICoordinationV1Operations leases;
    private readonly LeaderElectionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly ITimer renewDeadline;
    private V1LeaseSpec? observed;
    private DateTimeOffset observedAt;
    private V1Lease? latest;
    private DateTimeOffset lastRenewal;
    private long attempts;

    public LeaderElector(IKubernetes client, LeaderElectionOptions options, TimeProvider time, ILogger<LeaderElector>? logger = null)
        : base(options.Identity)
    {
        options.Validate();
        leases = client.CoordinationV1;
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
        V1Lease? current;
        lock (gate) current = latest;
        if (current?.Spec?.HolderIdentity != Identity) return;
        try
        {
            // Read again: releasing from a stale copy would fail with 409 anyway, and reading
            // first means we never clear a holder that is no longer us.
            var fresh = await leases.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (fresh.Spec?.HolderIdentity != Identity) return;
            fresh.Spec = LeaseDecision.Released(fresh.Spec, time.GetUtcNow());
            await leases.ReplaceNamespacedLeaseAsync(fresh, options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
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
            var lease = await ReadLeaseAsync(cancellationToken).ConfigureAwait(false);
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
            V1Lease written;
            if (lease is null)
            {
                written = await leases.CreateNamespacedLeaseAsync(new V1Lease
                {
                    ApiVersion = $"{V1Lease.KubeGroup}/{V1Lease.KubeApiVersion}",
                    Kind = V1Lease.KubeKind,
                    Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.LeaseNamespace },
                    Spec = record,
                }, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Replace with the resourceVersion that was read: of two racing writers one gets 409.
                lease.Spec = record;
                written = await leases.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            Renewed(written, started, action);
        }
        catch (Exception e) when (e.StatusCodeOf() == System.Net.HttpStatusCode.Conflict)
        {
            // Another candidate wrote first; the next read shows who.
            logger.LogDebug("Leader election: {Identity} lost a race for lease {Namespace}/{Lease}", Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Leader election: {Identity} could not read or write lease {Namespace}/{Lease}: {Error}", Identity, options.LeaseNamespace, options.LeaseName, e.Message);
        }
    }

    /// <summary>The lease as the API server has it now; null when there is none yet.</summary>
    private async Task<V1Lease?> ReadLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await leases.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    private void Renewed(V1Lease written, DateTimeOffset started, LeaseAction action)
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
        e is HttpOperationException or HttpRequestException or TimeoutException or IOException or OperationCanceledException;

    public void Dispose() => renewDeadline.Dispose();
}
