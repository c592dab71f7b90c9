using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Hosting;
using Actors.Grains.Status;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// A scenario's world: the API (emulator or real cluster) with its kubelet, the pod timeline, and
/// a running operator that can be stopped and started again. The steps read like a runbook:
/// create the cluster, change its spec, wait until it is Ready, look at the pods.
/// </summary>
public sealed class KafkaScenario : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly IHealthGate? _gate;
    private readonly Action<KafkaOperatorOptions>? _configure;
    private readonly ILoggerProvider? _logs;

    private KafkaScenario(ApiUnderTest api, PodTimeline timeline, ITestOutputHelper output, IHealthGate? gate, Action<KafkaOperatorOptions>? configure, ILoggerProvider? logs)
    {
        _logs = logs;
        Api = api;
        Timeline = timeline;
        _output = output;
        _gate = gate;
        _configure = configure;
    }

    public ApiUnderTest Api { get; }
    public PodTimeline Timeline { get; }
    public OperatorHost? Operator { get; private set; }
    public string Namespace => Api.Namespace;
    public KafkaClusters Clusters => new(Api.Client);

    /// <param name="configure">The operator's options beyond the harness's, at every start (the namespace is set by then).</param>
    /// <param name="logs">Also receives the operator's log lines (e.g. a <see cref="WarningCollector"/>).</param>
    public static async Task<KafkaScenario> StartAsync(
        string name, ITestOutputHelper output, IHealthGate? gate = null, Action<KafkaOperatorOptions>? configure = null, ILoggerProvider? logs = null)
    {
        var api = await ApiUnderTest.StartAsync(name);
        var timeline = await PodTimeline.StartAsync(api.Client, api.Namespace);
        var scenario = new KafkaScenario(api, timeline, output, gate, configure, logs);
        await scenario.StartOperatorAsync();
        return scenario;
    }

    public async Task StartOperatorAsync() => Operator = await OperatorHost.StartAsync(Api, _gate, _output, _configure, _logs);

    public async Task StopOperatorAsync()
    {
        if (Operator is { } running) await running.DisposeAsync();
        Operator = null;
    }

    public Task<KafkaCluster> CreateAsync(KafkaCluster cluster) => Clusters.CreateAsync(cluster);

    public Task<KafkaCluster> GetAsync() => Clusters.GetAsync(Specs.ClusterName, Namespace);

    /// <summary>Edits the spec as a user would (read, change, write; again on a conflict); returns the new generation.</summary>
    public async Task<long> UpdateAsync(Action<KafkaCluster> change)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cluster = await GetAsync();
            change(cluster);
            try
            {
                var written = await Clusters.ReplaceAsync(cluster);
                return written.Metadata.Generation ?? 0;
            }
            catch (HttpOperationException e) when (e.IsConflict() && attempt < 10)
            {
            }
        }
    }

    public Task<long> UpdateSpecAsync(Func<KafkaClusterSpec, KafkaClusterSpec> change) =>
        UpdateAsync(c => c.Spec = change(c.Spec!));

    public static ClusterCondition? Condition(KafkaCluster cluster, string type) => ConditionSet.Find(cluster.Status?.Conditions, type);

    /// <summary>Waits until the operator reports every node Ready at the given generation.</summary>
    public Task<KafkaCluster> WaitUntilReadyAsync(long generation = 1, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(async () =>
        {
            var cluster = await GetAsync();
            return cluster.Status?.ObservedGeneration >= generation
                   && Condition(cluster, KafkaConditionTypes.Ready)?.Status == ConditionStatus.True
                   && cluster.Status.Operation is null
                ? cluster
                : null;
        }, $"{Namespace}/{Specs.ClusterName} is Ready at generation {generation}", timeout);

    public Task<KafkaCluster> WaitUntilAsync(Func<KafkaCluster, bool> condition, string expectation, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(async () => await GetAsync() is var cluster && condition(cluster) ? cluster : null, expectation, timeout);

    public Task<V1Pod> GetPodAsync(string name) => Api.Client.CoreV1.ReadNamespacedPodAsync(name, Namespace);

    /// <summary>The pod, or null while it does not exist.</summary>
    public Task<V1Pod?> TryGetPodAsync(string name) => GetPodAsync(name).OrNullWhenMissing();

    public async Task<IReadOnlyList<V1Pod>> ListPodsAsync() => [.. (await Api.Client.CoreV1.ListNamespacedPodAsync(Namespace)).Items];

    public async Task<IReadOnlyList<V1PersistentVolumeClaim>> ListVolumesAsync() => [.. (await Api.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(Namespace)).Items];

    public void Log(string line) => _output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} scenario: {line}");

    /// <summary>The final state in the test output, so a failure can be read without re-running it.</summary>
    private async Task LogFinalStateAsync()
    {
        try
        {
            if (await Clusters.TryGetAsync(Specs.ClusterName, Namespace) is { } cluster)
                Log($"final {KubernetesJson.Serialize(new { cluster.Metadata.Annotations, cluster.Metadata.Generation, cluster.Status })}");
            foreach (var pod in await ListPodsAsync())
                Log($"final pod {pod.Metadata.Name} uid {pod.Metadata.Uid} revision {pod.GetAnnotation(KafkaAnnotations.Revision)} phase {pod.Status?.Phase}");
        }
        catch (Exception e)
        {
            Log($"could not read the final state: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await LogFinalStateAsync();
        await StopOperatorAsync();
        await Timeline.DisposeAsync();
        await Api.DisposeAsync();
    }
}
