using Actors.Emulator;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Crd;
using Actors.Grains.State;
using Actors.Runtime;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Effects;

/// <summary>The coordinator's state in a ConfigMap, checked against the emulator's API semantics.</summary>
public sealed class KubernetesGrainStorageTests : IAsyncLifetime
{
    private static readonly GrainId Coordinator = new("CoordinatorGrain", "kafka/demo");
    private EmulatorFixture _emulator = null!;
    private k8s.Kubernetes _client = null!;
    private KubernetesGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = ["kafka"] });
        _client = ApiUnderTest.Connect(_emulator.KubeconfigPath);
        var crd = KafkaClusterCrd.Build();
        await _client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(new V1Patch(crd, V1Patch.PatchType.ApplyPatch), crd.Metadata.Name, fieldManager: "test", force: true);
        await new KafkaClusters(_client).CreateAsync(Specs.Cluster("kafka", 1, 1));
        _storage = new KubernetesGrainStorage(_client, new ClusterStateLocator(_client), "test");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    private sealed class Record : IGrainState<CoordinatorState>
    {
        public CoordinatorState State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    private static OperationState Rolling(string uid) =>
        new(OperationKind.Roll, new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), [new PodDeletion(NodeKey.Broker(2), uid, DeletionCause.Roll, "9c1e")]);

    [Fact]
    public async Task A_written_operation_is_read_back_by_a_new_activation_with_the_configmap_version_as_etag()
    {
        var first = new Record { State = new CoordinatorState { Operation = Rolling("uid-2") } };
        await _storage.WriteStateAsync("operation", Coordinator, first);

        var second = new Record();
        await _storage.ReadStateAsync("operation", Coordinator, second);

        Assert.True(second.RecordExists);
        Assert.Equal(first.ETag, second.ETag);
        var deletion = Assert.Single(second.State.Operation!.Deletions);
        Assert.Equal(new PodDeletion(NodeKey.Broker(2), "uid-2", DeletionCause.Roll, "9c1e"), deletion);
        var map = await _client.CoreV1.ReadNamespacedConfigMapAsync("demo-operator-state", "kafka");
        Assert.Equal(map.Metadata.ResourceVersion, second.ETag);
        Assert.Equal("demo", Assert.Single(map.Metadata.OwnerReferences!).Name);
    }

    [Fact]
    public async Task A_write_over_a_stale_etag_fails_with_inconsistent_state_and_keeps_the_newer_record()
    {
        var first = new Record { State = new CoordinatorState { Operation = Rolling("uid-1") } };
        await _storage.WriteStateAsync("operation", Coordinator, first);
        var other = new Record();
        await _storage.ReadStateAsync("operation", Coordinator, other);
        other.State.Operation = Rolling("uid-other");
        await _storage.WriteStateAsync("operation", Coordinator, other);

        first.State.Operation = Rolling("uid-stale");
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("operation", Coordinator, first));

        var read = new Record();
        await _storage.ReadStateAsync("operation", Coordinator, read);
        Assert.Equal("uid-other", read.State.Operation!.Deletions[0].PodUid);
    }

    [Fact]
    public async Task Two_first_writes_race_and_only_one_creates_the_record()
    {
        var one = new Record { State = new CoordinatorState { Operation = Rolling("uid-a") } };
        var two = new Record { State = new CoordinatorState { Operation = Rolling("uid-b") } };
        await _storage.WriteStateAsync("operation", Coordinator, one);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("operation", Coordinator, two));
    }
}
