using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Support;
using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Emulator.Tests.Kubelet.Support;

/// <summary>
/// An emulator and a simulated kubelet sharing one fake clock, and the official client to drive
/// them. Tests move the clock, then wait (bounded) for the state the API should reach.
/// </summary>
public abstract class KubeletTest : IAsyncLifetime
{
    protected const string Ns = "default";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    protected FakeTimeProvider Clock { get; } = new(TestTime.Start);
    protected EmulatorFixture Fixture { get; private set; } = null!;
    protected KubernetesEmulator Emulator => Fixture.Emulator;
    protected SimulatedKubelet Kubelet { get; private set; } = null!;
    protected k8s.Kubernetes Client { get; private set; } = null!;

    protected virtual KubeletOptions Options => new()
    {
        StartDelay = TimeSpan.FromSeconds(2),
        ReadyDelay = TimeSpan.FromSeconds(3),
        ShutdownTime = TimeSpan.FromSeconds(5),
    };

    public async Task InitializeAsync()
    {
        Fixture = await EmulatorFixture.StartAsync(new EmulatorOptions { TimeProvider = Clock });
        Client = Fixture.Client();
        Kubelet = await Emulator.StartKubeletAsync(Options, Clock);
    }

    public async Task DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        await Fixture.DisposeAsync();
    }

    /// <summary>Moves the clock, then lets the kubelet finish whatever that woke.</summary>
    protected async Task Advance(double seconds)
    {
        Clock.Advance(TimeSpan.FromSeconds(seconds));
        await Kubelet.WhenIdleAsync();
    }

    protected Task<V1Pod> CreatePod(string name, Dictionary<string, string>? annotations = null, string? claim = null,
        IEnumerable<string>? readinessGates = null, long? gracePeriodSeconds = null) =>
        Client.CoreV1.CreateNamespacedPodAsync(Pods.Broker(name, annotations, claim, readinessGates, gracePeriodSeconds), Ns);

    protected async Task<V1Pod?> FindPod(string name)
    {
        try
        {
            return await Client.CoreV1.ReadNamespacedPodAsync(name, Ns);
        }
        catch (Exception e) when (e.IsNotFound())
        {
            return null;
        }
    }

    protected Task<V1Pod> DeletePod(string name) => Client.CoreV1.DeleteNamespacedPodAsync(name, Ns);

    protected Task<V1PersistentVolumeClaim> CreateClaim(V1PersistentVolumeClaim claim) => Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(claim, Ns);

    protected Task<V1PersistentVolumeClaim> ReadClaim(string name) => Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, Ns);

    /// <summary>Polls the API until the pod satisfies <paramref name="expected"/>; fails with what it last saw.</summary>
    protected async Task<V1Pod> PodBecomes(string name, Func<V1Pod, bool> expected, string what)
    {
        V1Pod? last = null;
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            last = await FindPod(name);
            if (last is not null && expected(last)) return last;
            await Task.Delay(20);
        }
        Assert.Fail($"pod {name} never became {what}; last seen: {(last is null ? "absent" : KubernetesJson.Serialize(last))}");
        return null!;
    }

    protected async Task PodIsGone(string name)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await FindPod(name) is null) return;
            await Task.Delay(20);
        }
        Assert.Fail($"pod {name} was never removed: {(await FindPod(name) is { } pod ? KubernetesJson.Serialize(pod) : "gone at last")}");
    }

    protected async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> expected, string what)
    {
        T last = default!;
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            last = await read();
            if (expected(last)) return last;
            await Task.Delay(20);
        }
        Assert.Fail($"never saw {what}; last seen: {(last is null ? "nothing" : KubernetesJson.Serialize(last))}");
        return last;
    }

    protected static string? Condition(V1Pod pod, string type) => PodConditions.Find(pod.Status, type)?.Status;

    protected static bool IsReady(V1Pod pod) => Condition(pod, "Ready") == "True";

    protected static bool IsRunning(V1Pod pod) => pod.Status?.Phase == "Running";

    protected static V1ContainerStatus Container(V1Pod pod) => Assert.Single(pod.Status?.ContainerStatuses ?? []);

    /// <summary>Runs a pod up to Ready with the default delays (2s to start, 3s to ready).</summary>
    protected async Task<V1Pod> ReadyPod(string name, string? claim = null, Dictionary<string, string>? annotations = null, long? gracePeriodSeconds = null)
    {
        await CreatePod(name, annotations, claim, gracePeriodSeconds: gracePeriodSeconds);
        await PodBecomes(name, p => p.Status?.StartTime is not null, "started by the kubelet");
        await Advance(2);
        await PodBecomes(name, IsRunning, "Running");
        await Advance(3);
        return await PodBecomes(name, IsReady, "Ready");
    }
}
