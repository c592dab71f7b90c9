using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// The Kubernetes API a scenario runs against, with a simulated kubelet driving its pods: an
/// in-process emulator by default, or the cluster named by <c>ACTORS_E2E_KUBECONFIG</c> (the
/// kubelet then runs as a client of that cluster, like kwok). Each scenario gets its own namespace.
/// </summary>
public sealed class ApiUnderTest : IAsyncDisposable
{
    public const string KubeconfigVariable = "ACTORS_E2E_KUBECONFIG";

    /// <summary>Fast enough to keep the suite short, slow enough that ordering is observable.</summary>
    public static readonly KubeletOptions FastKubelet = new()
    {
        StartDelay = TimeSpan.FromMilliseconds(100),
        ReadyDelay = TimeSpan.FromMilliseconds(100),
        ShutdownTime = TimeSpan.FromMilliseconds(100),
        CrashAfter = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>The operator's request policy with a limit high enough never to pace a scenario.</summary>
    public static readonly ClientPolicy Unhurried = new() { Qps = 2000, Burst = 2000 };

    private readonly EmulatorFixture? _fixture;

    private ApiUnderTest(string kubeconfigPath, string @namespace, EmulatorFixture? fixture, SimulatedKubelet kubelet, k8s.Kubernetes client)
    {
        _fixture = fixture;
        KubeconfigPath = kubeconfigPath;
        Namespace = @namespace;
        Kubelet = kubelet;
        Client = client;
    }

    public string KubeconfigPath { get; }
    public string Namespace { get; }

    /// <summary>Null against a real cluster: assertions then use only what the API shows.</summary>
    public KubernetesEmulator? Emulator => _fixture?.Emulator;
    public SimulatedKubelet Kubelet { get; }

    /// <summary>The test's own client (not the operator's).</summary>
    public k8s.Kubernetes Client { get; }

    public static async Task<ApiUnderTest> StartAsync(string scenario)
    {
        var @namespace = $"e2e-{scenario}-{Guid.NewGuid().ToString("N")[..6]}";
        var external = Environment.GetEnvironmentVariable(KubeconfigVariable);
        EmulatorFixture? fixture = null;
        string kubeconfig;
        if (string.IsNullOrEmpty(external))
        {
            fixture = await EmulatorFixture.StartAsync();
            kubeconfig = fixture.KubeconfigPath;
        }
        else
        {
            kubeconfig = external;
        }

        var client = Connect(kubeconfig);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = @namespace } });
        // The kubelet builds its own client (its own user agent) from the same kubeconfig.
        var kubelet = new SimulatedKubelet(Kubeconfig.Load([kubeconfig]).Configuration, FastKubelet with { Namespaces = [@namespace] }, TimeProvider.System,
            policy: Unhurried);
        if (fixture is not null) kubelet.FollowSwitch(fixture.Emulator.Kubelet);
        await kubelet.StartAsync();
        return new ApiUnderTest(kubeconfig, @namespace, fixture, kubelet, client);
    }

    /// <summary>A client of the cluster the kubeconfig names, under the <see cref="Unhurried"/> policy.</summary>
    public static k8s.Kubernetes Connect(string kubeconfig) =>
        KubernetesClients.Create(Kubeconfig.Load([kubeconfig]).Configuration, Unhurried);

    public async ValueTask DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        if (Emulator is null)
        {
            try
            {
                await Client.CoreV1.DeleteNamespaceAsync(Namespace);
            }
            catch (HttpOperationException)
            {
            }
        }
        Client.Dispose();
        if (_fixture is not null) await _fixture.DisposeAsync();
    }
}
