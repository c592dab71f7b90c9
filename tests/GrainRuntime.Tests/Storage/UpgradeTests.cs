using Actors.GrainRuntime.Tests.Support;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Storage.GrainState;
using k8s;
using Orleans.Runtime;
using PreviousGrainId = Actors.Runtime.GrainId;
using PreviousGrainState = Actors.Runtime.IGrainState<Actors.Grains.Coordinator.CoordinatorState>;
using PreviousStorage = Actors.Grains.State.KubernetesGrainStorage;

namespace Actors.GrainRuntime.Tests.Storage;

/// <summary>
/// An operator upgraded in the middle of a roll: the previous build (its own runtime) wrote the
/// coordinator's operation; the Orleans build must read it where and as it was written, or it
/// would start the roll again and restart nodes a second time. Both providers run here against
/// one API, with the coordinator's own state type.
/// </summary>
public sealed class UpgradeTests(StorageApi api) : IClassFixture<StorageApi>
{
    private static GrainId Coordinator(string cluster) => GrainId.Create("coordinator", $"{StorageApi.Namespace}/{cluster}");
    private static PreviousGrainId PreviousCoordinator(string cluster) => new("CoordinatorGrain", $"{StorageApi.Namespace}/{cluster}");

    private PreviousStorage Previous => new(api.Client, new Actors.Grains.State.ClusterStateLocator(api.Client), "kafka-operator");
    private KubernetesGrainStorage Current => new(api.Client, new PreviousBuildLocator(api.Client), new StoredStateJson(), "kafka-operator");

    private sealed class PreviousRecord : PreviousGrainState
    {
        public CoordinatorState State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    private static OperationState RollingBroker(int ordinal, string uid) =>
        new(OperationKind.Roll, new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero),
            [new PodDeletion(NodeKey.Broker(ordinal), uid, DeletionCause.Roll, "9c1e")]);

    [Fact]
    public async Task The_Orleans_build_reads_the_operation_the_previous_build_persisted_mid_roll()
    {
        await api.CreateClusterAsync("read");
        var written = new PreviousRecord { State = new CoordinatorState { Operation = RollingBroker(2, "uid-broker-2") } };
        await Previous.WriteStateAsync("operation", PreviousCoordinator("read"), written);

        var read = new GrainState<CoordinatorState>();
        await Current.ReadStateAsync("operation", Coordinator("read"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        var operation = read.State!.Operation;
        Assert.NotNull(operation);
        Assert.Equal(OperationKind.Roll, operation.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), operation.StartedAt);
        Assert.Equal(new PodDeletion(NodeKey.Broker(2), "uid-broker-2", DeletionCause.Roll, "9c1e"), Assert.Single(operation.Deletions));
    }

    [Fact]
    public async Task The_Orleans_build_continues_the_record_keeping_its_owner_and_labels_and_the_previous_build_still_reads_it()
    {
        var uid = await api.CreateClusterAsync("continue");
        await Previous.WriteStateAsync("operation", PreviousCoordinator("continue"),
            new PreviousRecord { State = new CoordinatorState { Operation = RollingBroker(2, "uid-broker-2") } });
        var before = await api.Client.CoreV1.ReadNamespacedConfigMapAsync("continue-operator-state", StorageApi.Namespace);

        var current = new GrainState<CoordinatorState>();
        await Current.ReadStateAsync("operation", Coordinator("continue"), current);
        current.State!.Operation = RollingBroker(1, "uid-broker-1");
        await Current.WriteStateAsync("operation", Coordinator("continue"), current);

        var after = await api.Client.CoreV1.ReadNamespacedConfigMapAsync("continue-operator-state", StorageApi.Namespace);
        Assert.Equal(current.ETag, after.Metadata.ResourceVersion);
        Assert.Equal(uid, Assert.Single(after.Metadata.OwnerReferences!).Uid);
        Assert.Equal(before.Metadata.Labels, after.Metadata.Labels);
        Assert.Equal("operator-state", after.Metadata.Labels!["app.kubernetes.io/component"]);
        // A roll back to the previous build (or an old replica still running) reads the new record too.
        var previous = new PreviousRecord();
        await Previous.ReadStateAsync("operation", PreviousCoordinator("continue"), previous);
        Assert.Equal("uid-broker-1", Assert.Single(previous.State.Operation!.Deletions).PodUid);
    }

    [Fact]
    public async Task The_record_as_the_previous_build_stores_it_today_reads_back()
    {
        // Pinned text, so the check outlives the previous provider's code: this is the data key
        // the previous build writes (checked against it in the test below while it exists).
        var name = "pinned";
        await api.Client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap
        {
            Metadata = new() { Name = $"{name}-operator-state", NamespaceProperty = StorageApi.Namespace },
            Data = new Dictionary<string, string> { ["operation"] = PinnedRecord },
        }, StorageApi.Namespace);

        var read = new GrainState<CoordinatorState>();
        await Current.ReadStateAsync("operation", Coordinator(name), read);

        Assert.Equal(new PodDeletion(NodeKey.Broker(2), "uid-broker-2", DeletionCause.Roll, "9c1e"), Assert.Single(read.State!.Operation!.Deletions));
        Assert.Equal(OperationKind.Roll, read.State!.Operation!.Kind);
    }

    [Fact]
    public async Task The_pinned_record_is_what_the_previous_build_writes()
    {
        var name = "pin-check";
        await Previous.WriteStateAsync("operation", PreviousCoordinator(name),
            new PreviousRecord { State = new CoordinatorState { Operation = RollingBroker(2, "uid-broker-2") } });

        var map = await api.Client.CoreV1.ReadNamespacedConfigMapAsync($"{name}-operator-state", StorageApi.Namespace);

        Assert.Equal(PinnedRecord, map.Data["operation"]);
    }

    /// <summary>The coordinator's state as the previous build writes it: broker 2 deleted for revision 9c1e.</summary>
    private const string PinnedRecord =
        """
        {"operation":{"kind":"Roll","startedAt":"2026-11-22T01:00:00+00:00","deletions":[{"node":{"role":"Broker","ordinal":2},"podUid":"uid-broker-2","cause":"Roll","revision":"9c1e"}]}}
        """;
}
