using System.Security.Cryptography;
using Actors.Emulator;
using Actors.Emulator.Kubelet;
using Actors.Grains.Identity;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using k8s;

namespace Actors.Silo.Embedded;

/// <summary>
/// Embedded mode: a Kubernetes API emulator in this process on 127.0.0.1 (HTTPS with its own
/// CA, bearer tokens), its kubeconfig in the state directory for kubectl and for the operator
/// itself, and fresh API tokens for the operator's HTTP and gRPC APIs. The simulated kubelet
/// runs the pods the operator creates, and a Kafka peer follows the sample cluster's pods
/// (<see cref="EmbeddedKafka"/>), so the operator's Kafka checks have a cluster to ask.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private EmbeddedCluster(KubernetesEmulator emulator, SimulatedKubelet kubelet, EmbeddedKafka kafka, StateDirectory state, ApiTokens tokens,
        KubernetesClientConfiguration configuration, string source)
    {
        Emulator = emulator;
        Kubelet = kubelet;
        Kafka = kafka;
        State = state;
        Tokens = tokens;
        Configuration = configuration;
        Source = source;
    }

    public KubernetesEmulator Emulator { get; }
    public SimulatedKubelet Kubelet { get; }

    /// <summary>The sample cluster's Kafka: a peer on 127.0.0.1 following the pods the kubelet runs.</summary>
    public EmbeddedKafka Kafka { get; }
    public StateDirectory State { get; }

    /// <summary>The operator API's tokens: one admin (written to token), one read-only (read-token).</summary>
    public ApiTokens Tokens { get; }

    /// <summary>The official client's configuration, loaded from the kubeconfig kubectl uses too.</summary>
    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>Where the configuration came from ("kubeconfig .actors/kubeconfig, context '…'").</summary>
    public string Source { get; }

    /// <param name="kafkaCatchUp">How long a Kafka node whose pod became Ready takes to be in sync again.</param>
    public static async Task<EmbeddedCluster> StartAsync(string stateDir, TimeSpan kafkaCatchUp, CancellationToken cancellationToken)
    {
        var state = new StateDirectory(stateDir);
        var emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions { KubeconfigPath = state.Kubeconfig }, cancellationToken);
        try
        {
            var admin = NewToken();
            var read = NewToken();
            StateDirectory.WriteSecret(state.Token, admin + "\n");
            StateDirectory.WriteSecret(state.ReadToken, read + "\n");
            var (configuration, source) = Kubeconfig.Load([state.Kubeconfig]);

            // The simulated kubelet is an API client like kwok: it binds the operator's pods to
            // simulated nodes and moves them to Running and Ready, so the rollout can be watched.
            var kubelet = await emulator.StartKubeletAsync(cancellationToken: cancellationToken);
            EmbeddedKafka kafka;
            try
            {
                var sample = SampleCluster.Cluster;
                kafka = EmbeddedKafka.Start(new ClusterIdentity(sample.Metadata.NamespaceProperty, sample.Metadata.Name), sample.Spec!,
                    kubelet, kafkaCatchUp, TimeProvider.System);
            }
            catch
            {
                await kubelet.DisposeAsync();
                throw;
            }

            return new EmbeddedCluster(emulator, kubelet, kafka, state, new ApiTokens([admin], [read]), configuration, source);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        await Kafka.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
