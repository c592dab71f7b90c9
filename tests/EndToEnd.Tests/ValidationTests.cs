using Actors.Contracts.Kafka;
using Actors.EndToEnd.Tests.Harness;
using Actors.Kubernetes;
using k8s;
using k8s.Models;
using k8s.Autorest;

namespace Actors.EndToEnd.Tests;

public sealed class ValidationTests(ITestOutputHelper output)
{
    private static async Task<Dictionary<string, string?>> ManagedObjectVersions(KafkaScenario scenario)
    {
        var selector = $"{KafkaLabels.ManagedBy}={KafkaLabels.ManagedByValue}";
        var (core, ns) = (scenario.Api.Client.CoreV1, scenario.Namespace);
        // Keyed by the kind asked for: list items need not carry their kind (kube-apiserver leaves it out).
        var objects = new List<(string Kind, IKubernetesObject<V1ObjectMeta> Object)>();
        void Add(string kind, IEnumerable<IKubernetesObject<V1ObjectMeta>> items) => objects.AddRange(items.Select(o => (kind, o)));
        Add("Pod", (await core.ListNamespacedPodAsync(ns, labelSelector: selector)).Items);
        Add("PersistentVolumeClaim", (await core.ListNamespacedPersistentVolumeClaimAsync(ns, labelSelector: selector)).Items);
        Add("Service", (await core.ListNamespacedServiceAsync(ns, labelSelector: selector)).Items);
        Add("ConfigMap", (await core.ListNamespacedConfigMapAsync(ns, labelSelector: selector)).Items);
        Add("PodDisruptionBudget", (await scenario.Api.Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, labelSelector: selector)).Items);
        return objects.ToDictionary(o => $"{o.Kind}/{o.Object.Metadata.Name}", o => (string?)o.Object.Metadata.ResourceVersion);
    }

    private static Task<Grains.Cluster.KafkaCluster> WaitForInvalidSpec(KafkaScenario scenario, long generation, string field) =>
        scenario.WaitUntilAsync(c =>
                KafkaScenario.Condition(c, KafkaConditionTypes.Ready) is { Status: ConditionStatus.False, Reason: KafkaConditionReasons.InvalidSpec } ready
                && ready.ObservedGeneration == generation && ready.Message!.Contains(field, StringComparison.Ordinal),
            $"Ready=False InvalidSpec naming {field} at generation {generation}");

    [Fact]
    public async Task A_shrinking_volume_is_refused_naming_the_field_and_nothing_that_exists_is_touched()
    {
        await using var scenario = await KafkaScenario.StartAsync("shrink", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        await scenario.WaitUntilReadyAsync();
        var before = await ManagedObjectVersions(scenario);

        var generation = await scenario.UpdateSpecAsync(s => s with
        {
            Brokers = s.Brokers! with { Storage = new StorageSpec { Size = "5Gi" }, Config = new() { ["log.retention.hours"] = "1" } },
        });
        var refused = await WaitForInvalidSpec(scenario, generation, "spec.brokers.storage.size");

        Assert.Equal(before, await ManagedObjectVersions(scenario));
        Assert.Equal(generation, refused.Status!.ObservedGeneration);
        Assert.Equal("10Gi", refused.Status.Applied!.BrokerStorage!.Size);
    }

    [Fact]
    public async Task A_cluster_created_with_an_invalid_spec_gets_the_field_named_and_no_objects()
    {
        await using var scenario = await KafkaScenario.StartAsync("invalid", output);
        var cluster = Specs.Cluster(scenario.Namespace, controllers: 2, brokers: 1);

        await scenario.CreateAsync(cluster);
        await WaitForInvalidSpec(scenario, 1, "spec.controllers.replicas");

        Assert.Empty(await ManagedObjectVersions(scenario));
    }

    [Fact]
    public async Task A_cluster_created_with_a_forged_status_comes_up_and_the_operator_writes_its_own_record()
    {
        await using var scenario = await KafkaScenario.StartAsync("forged", output);
        var cluster = Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1);
        cluster.Status = new KafkaClusterStatus { Applied = new AppliedSpec { ControllerReplicas = 5, MetadataVersion = "4.0-IV3" } };

        var created = await scenario.CreateAsync(cluster);
        var ready = await scenario.WaitUntilReadyAsync();

        Assert.Equal((1, created.Metadata.Uid), (ready.Status!.Applied!.ControllerReplicas, ready.Status.Applied.Uid));
    }

    // Values kube-apiserver would refuse in the PVC or the pod: before, they were accepted and built.
    private static NodePoolSpec Refused(NodePoolSpec brokers, string field) => field switch
    {
        "spec.brokers.storage.size" => brokers with { Storage = new StorageSpec { Size = "10Gi\n" } },
        "spec.brokers.resources.requests.memory" => brokers with
        {
            Resources = new ResourcesSpec { Requests = new() { ["memory"] = "64Gi" }, Limits = new() { ["memory"] = "2Gi" } },
        },
        "spec.brokers.nodeSelector" => brokers with { NodeSelector = new() { ["disk type"] = "ssd" } },
        _ => brokers with { Rack = new RackSpec { TopologyKey = "topology.kubernetes.io/zone\n" } },
    };

    // What the CRD schema can say (patterns) the API server refuses before the operator sees it.
    [Theory]
    [InlineData("spec.brokers.storage.size")]
    [InlineData("spec.brokers.rack.topologyKey")]
    public async Task A_cluster_with_a_value_the_crd_schema_refuses_is_rejected_by_the_api_naming_the_field(string field)
    {
        await using var scenario = await KafkaScenario.StartAsync("schema", output);
        var cluster = Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1);
        cluster.Spec = cluster.Spec! with { Brokers = Refused(cluster.Spec.Brokers!, field) };

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => scenario.CreateAsync(cluster));

        Assert.True(refused.IsInvalid(), $"the create was refused with {refused.StatusCodeOf()}, not 422 Invalid: {refused.ApiMessage()}");
        Assert.Contains(field, refused.ApiMessage());
        Assert.Null(await scenario.Clusters.TryGetAsync(cluster.Metadata.Name!, scenario.Namespace));
        Assert.Empty(await ManagedObjectVersions(scenario));
    }

    // What it cannot (map keys, requests against limits) the operator refuses, naming the field.
    [Theory]
    [InlineData("spec.brokers.resources.requests.memory")]
    [InlineData("spec.brokers.nodeSelector")]
    public async Task A_cluster_with_a_value_kubernetes_would_refuse_gets_the_field_named_and_no_objects(string field)
    {
        await using var scenario = await KafkaScenario.StartAsync("refused", output);
        var cluster = Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 1);
        cluster.Spec = cluster.Spec! with { Brokers = Refused(cluster.Spec.Brokers!, field) };

        await scenario.CreateAsync(cluster);
        await WaitForInvalidSpec(scenario, 1, field);

        Assert.Empty(await ManagedObjectVersions(scenario));
    }
}
