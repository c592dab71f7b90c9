using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// A kubelet (plus the scheduler's and the PV controller's parts) for pods that have no real node,
/// in the manner of kwok: an ordinary client of the Kubernetes API. It registers simulated Nodes,
/// binds pending pods to them through pods/binding, moves them Pending → Running → Ready on the
/// delays their annotations ask for, finishes deletions, binds claims to simulated volumes and plays
/// failure scripts. It never touches storage directly, so it drives pods on the emulator and on any
/// API server alike. Every delay runs on the given <see cref="TimeProvider"/>.
/// <code>
/// await using var kubelet = new SimulatedKubelet(Kubeconfig.Load([path]).Configuration, new KubeletOptions(), TimeProvider.System);
/// await kubelet.StartAsync();
/// </code>
/// </summary>
public sealed partial class SimulatedKubelet : IAsyncDisposable
{
    const string PodKey = "pod/";
    const string ClaimKey = "pvc/";
    const string NodeKey = "node/";
    const string FieldManager = "sim-kubelet";

    /// <summary>The User-Agent of every request the simulated kubelet sends.</summary>
    public const string UserAgent = "actors-kubelet/1.0";

    readonly k8s.Kubernetes client;
    readonly TimeProvider time;
    readonly ILogger logger;
    readonly KubeletWorkQueue queue;
    readonly Lock gate = new();
    readonly Dictionary<string, ITimer> wakes = new(StringComparer.Ordinal);
    readonly HashSet<string> deferred = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> placements = new(StringComparer.Ordinal);
    readonly CancellationTokenSource stop = new();
    readonly Informer<V1Pod> pods;
    readonly Informer<V1PersistentVolumeClaim> claims;
    readonly Informer<V1Node> nodes;
    volatile bool paused;
    Task loop = Task.CompletedTask;
    ITimer? heartbeat;
    Action? detach;

    /// <summary>
    /// A kubelet for the cluster <paramref name="configuration"/> names. It builds its own official
    /// client from it under <paramref name="policy"/> (rate limits, deadlines; the operator's defaults
    /// when null) but always with its own user agent, so an audit log tells the kubelet's writes from
    /// the operator's even when both were handed one configuration and one policy.
    /// <paramref name="time"/> drives the kubelet's delays; the client's request deadlines follow the policy's clock.
    /// </summary>
    public SimulatedKubelet(KubernetesClientConfiguration configuration, KubeletOptions options, TimeProvider time, ILogger? logger = null,
        ClientPolicy? policy = null)
    {
        if (options.NodeNames.Count == 0) throw new ArgumentException("The simulated kubelet needs at least one node name.", nameof(options));
        // The library reads the user agent off the configuration when the client is built; put the
        // caller's back afterwards so a client it builds later from the same object is not mislabelled.
        var callersUserAgent = configuration.UserAgent;
        try
        {
            client = KubernetesClients.Create(configuration, (policy ?? new ClientPolicy()) with { UserAgent = UserAgent });
        }
        finally
        {
            configuration.UserAgent = callersUserAgent;
        }
        this.time = time;
        this.logger = logger ?? NullLogger.Instance;
        Options = options;
        paused = options.Paused;
        var single = options.Namespaces is [var only] ? only : null;
        pods = new Informer<V1Pod>(client, new InformerOptions { Namespace = single, LabelSelector = options.PodLabelSelector }, this.logger);
        claims = new Informer<V1PersistentVolumeClaim>(client, new InformerOptions { Namespace = single }, this.logger);
        nodes = new Informer<V1Node>(client, new InformerOptions { LabelSelector = $"{SimAnnotations.SimulatedLabel}=true" }, this.logger);
        queue = new KubeletWorkQueue(Lanes(), LaneOf);
    }

    public KubeletOptions Options { get; }

    /// <summary>While paused nothing moves: no binding, no status, no deletions. Resuming catches up from the API's state.</summary>
    public bool Paused
    {
        get => paused;
        set
        {
            if (paused == value) return;
            paused = value;
            if (value) return;
            logger.LogInformation("Simulated kubelet resumed");
            string[] held;
            lock (gate)
            {
                held = [.. deferred];
                deferred.Clear();
            }
            foreach (var key in held) queue.Add(key);
            EnqueueEverything();
        }
    }

    /// <summary>Follows an emulator's kubelet switch (its C# object or its /emulator/kubelet endpoint) from now on.</summary>
    public void FollowSwitch(Faults.KubeletSwitch kubeletSwitch)
    {
        detach?.Invoke();
        void OnChanged(bool value) => Paused = value;
        kubeletSwitch.Changed += OnChanged;
        detach = () => kubeletSwitch.Changed -= OnChanged;
        Paused = kubeletSwitch.Paused;
    }

    /// <summary>Completes when nothing is queued and no step is running (paused work counts as done).</summary>
    public Task WhenIdleAsync() => queue.WhenIdleAsync();

    /// <summary>Registers the nodes, fills the caches, and starts working; returns once it is running.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < Options.NodeNames.Count; i++) await RegisterNodeAsync(Options.NodeNames[i], i, cancellationToken).ConfigureAwait(false);
        pods.AddHandler(p => Enqueue(p), (_, p) => Enqueue(p), p => Enqueue(p));
        claims.AddHandler(c => Enqueue(c), (_, c) => Enqueue(c), c => Enqueue(c));
        nodes.AddHandler(n => Enqueue(n), (_, n) => Enqueue(n), n => Enqueue(n));
        pods.Start();
        claims.Start();
        nodes.Start();
        await Task.WhenAll(pods.WaitForSyncAsync(cancellationToken), claims.WaitForSyncAsync(cancellationToken), nodes.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
        loop = Task.WhenAll(queue.Lanes.Select(lane => Task.Run(() => RunAsync(lane, stop.Token), CancellationToken.None)));
        Heartbeat();
        heartbeat = time.CreateTimer(_ => Heartbeat(), null, Options.HeartbeatInterval, Options.HeartbeatInterval);
        logger.LogInformation("Simulated kubelet running nodes {Nodes} against {Server}", string.Join(", ", Options.NodeNames), client.BaseUri);
    }

    public async Task StopAsync()
    {
        detach?.Invoke();
        detach = null;
        heartbeat?.Dispose();
        if (!stop.IsCancellationRequested) await stop.CancelAsync().ConfigureAwait(false);
        try { await loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        lock (gate)
        {
            foreach (var timer in wakes.Values) timer.Dispose();
            wakes.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await pods.DisposeAsync().ConfigureAwait(false);
        await claims.DisposeAsync().ConfigureAwait(false);
        await nodes.DisposeAsync().ConfigureAwait(false);
        stop.Dispose();
        client.Dispose();
    }

    /// <summary>One worker: takes the keys of one lane, one at a time.</summary>
    async Task RunAsync(string lane, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(lane, cancellationToken).ConfigureAwait(false);
            try
            {
                if (paused)
                {
                    lock (gate) deferred.Add(key);
                    continue;
                }
                await StepAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e.IsConflict() || e.IsNotFound())
            {
                // Acted on a stale copy, or the object went meanwhile: its watch event brings the key back.
                logger.LogDebug("Simulated kubelet: {Key} changed under it ({Reason}); waiting for the next event", key, e.ApiStatus()?.Reason ?? e.StatusCodeOf()?.ToString());
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Simulated kubelet failed a step on {Key}; retrying in 1s", key);
                WakeAt(key, time.GetUtcNow() + TimeSpan.FromSeconds(1));
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    Task StepAsync(string key, CancellationToken cancellationToken)
    {
        if (key.StartsWith(PodKey, StringComparison.Ordinal)) return PodStepAsync(Split(key[PodKey.Length..]), cancellationToken);
        if (key.StartsWith(ClaimKey, StringComparison.Ordinal)) return ClaimStepAsync(Split(key[ClaimKey.Length..]), cancellationToken);
        if (key.StartsWith(LeaseKey, StringComparison.Ordinal)) return LeaseStepAsync(key[LeaseKey.Length..], cancellationToken);
        return NodeStepAsync(key[NodeKey.Length..], cancellationToken);
    }

    static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }

    bool Manages(string? @namespace) =>
        Options.Namespaces is not { Count: > 0 } list || (@namespace is not null && list.Contains(@namespace));

    int NodeIndex(string? node)
    {
        for (var i = 0; i < Options.NodeNames.Count; i++) if (Options.NodeNames[i] == node) return i;
        return -1;
    }

    HashSet<string> LostNodes() =>
        new(nodes.List().Where(SimulatedNode.IsLost).Select(n => n.Metadata.Name ?? ""), StringComparer.Ordinal);

    void Enqueue(V1Pod pod) => queue.Add($"{PodKey}{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}");

    void Enqueue(V1PersistentVolumeClaim claim)
    {
        queue.Add($"{ClaimKey}{claim.Metadata.NamespaceProperty}/{claim.Metadata.Name}");
        // Pods waiting for this claim to bind may be scheduled now (only those that mount it: at a
        // thousand clusters, waking every pending pod on every claim event swamps the scheduler's worker).
        foreach (var pod in pods.ListInNamespace(claim.Metadata.NamespaceProperty ?? ""))
            if (string.IsNullOrEmpty(pod.Spec?.NodeName) && SimulatedVolume.ClaimsOf(pod).Contains(claim.Metadata.Name ?? "")) Enqueue(pod);
    }

    void Enqueue(V1Node node)
    {
        queue.Add($"{NodeKey}{node.Metadata.Name}");
        foreach (var pod in pods.List())
            if (pod.Spec?.NodeName == node.Metadata.Name || string.IsNullOrEmpty(pod.Spec?.NodeName)) Enqueue(pod);
    }

    void EnqueueEverything()
    {
        foreach (var node in nodes.List()) queue.Add($"{NodeKey}{node.Metadata.Name}");
        foreach (var claim in claims.List()) queue.Add($"{ClaimKey}{claim.Metadata.NamespaceProperty}/{claim.Metadata.Name}");
        foreach (var pod in pods.List()) Enqueue(pod);
    }

    /// <summary>Looks at <paramref name="key"/> again at <paramref name="at"/> (replacing any earlier wake-up), or never when null.</summary>
    void WakeAt(string key, DateTimeOffset? at)
    {
        lock (gate)
        {
            if (wakes.Remove(key, out var old)) old.Dispose();
            if (at is null || stop.IsCancellationRequested) return;
            var due = at.Value - time.GetUtcNow();
            if (due <= TimeSpan.Zero)
            {
                queue.Add(key);
                return;
            }
            wakes[key] = time.CreateTimer(_ => queue.Add(key), null, due, Timeout.InfiniteTimeSpan);
        }
    }
}
