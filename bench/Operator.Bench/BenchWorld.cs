using Actors.Bench.Shared;
using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.Grains.Hosting;
using Actors.Kubernetes;
using Orleans;
using Orleans.Runtime;
using Actors.Silo.Watchers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Operator.Bench;

/// <summary>
/// The world the benchmark runs in: an in-process emulator, a fast simulated kubelet for one
/// namespace on a given number of simulated nodes (each node's pods worked in parallel, as a
/// cluster's kubelets do), and an operator composed the way the silo composes it (same as the
/// end-to-end harness), with the silo's default requeue and resync intervals.
/// </summary>
public sealed class BenchWorld : IAsyncDisposable
{
    public const string Namespace = "bench";

    /// <summary>Fast pods, so the operator (not the kubelet) is what is measured.</summary>
    public static readonly KubeletOptions FastKubelet = BenchKubelet.Fast(Namespace);

    /// <summary>Without a tight rate limit, so the client's limiter is not what is measured.</summary>
    private static readonly ClientPolicy Unhurried = new() { Qps = 2000, Burst = 2000 };

    private IHost? _operator;

    private BenchWorld(KubernetesEmulator emulator, SimulatedKubelet kubelet, k8s.Kubernetes client)
    {
        Emulator = emulator;
        Kubelet = kubelet;
        Client = client;
    }

    public KubernetesEmulator Emulator { get; }
    public SimulatedKubelet Kubelet { get; }

    /// <summary>The benchmark's own client (not the operator's).</summary>
    public k8s.Kubernetes Client { get; }

    /// <summary>Live activations of the operator's own grains, as Orleans counts them.</summary>
    public async Task<int> ActivationCountAsync()
    {
        var grains = (_operator ?? throw new InvalidOperationException("operator not started")).Services.GetRequiredService<IGrainFactory>();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(",Actors.", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Simulated nodes when the command line does not say: enough that 6-node clusters start in parallel.</summary>
    public const int DefaultNodes = 8;

    public static async Task<BenchWorld> StartAsync(int nodes)
    {
        var emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions());
        var client = Connect(emulator.KubeconfigPath);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        // The kubelet builds its own client through KubernetesClients.Create, so its requests count too.
        var options = FastKubelet with { NodeNames = [.. Enumerable.Range(0, nodes).Select(n => $"sim-node-{n}")] };
        var kubelet = new SimulatedKubelet(Kubeconfig.Load([emulator.KubeconfigPath]).Configuration, options, TimeProvider.System, policy: Unhurried);
        kubelet.FollowSwitch(emulator.Kubelet);
        await kubelet.StartAsync();
        return new BenchWorld(emulator, kubelet, client);
    }

    public async Task StartOperatorAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var kubeconfig = Emulator.KubeconfigPath;
        builder.Services.AddSingleton(_ => Connect(kubeconfig));
        builder.Services.AddSingleton<IKubernetes>(provider => provider.GetRequiredService<k8s.Kubernetes>());
        builder.AddKafkaOperatorSilo(options =>
        {
            options.Namespaces = [Namespace];
            options.InstallCrd = true;
        });
        builder.Services.AddKafkaOperatorWatchers();
        _operator = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _operator.StartAsync(timeout.Token);
    }

    /// <summary>Stops the operator (every grain deactivates) and lets its objects go, so what remains is the emulator's and the kubelet's.</summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is not { } host) return;
        _operator = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Services.GetRequiredService<k8s.Kubernetes>().Dispose();
        host.Dispose();
    }

    /// <summary>
    /// A client under the <see cref="Unhurried"/> policy, whose handler counts every request in
    /// <c>rest_client_requests_total</c> (what <see cref="RequestCounter"/> reads).
    /// </summary>
    private static k8s.Kubernetes Connect(string kubeconfig) => KubernetesClients.Create(Kubeconfig.Load([kubeconfig]).Configuration, Unhurried);

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        await Kubelet.DisposeAsync();
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
