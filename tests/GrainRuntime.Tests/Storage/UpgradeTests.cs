using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.State;
using Actors.Grains.Manifests;
using Actors.Storage.GrainState;
using k8s;
using k8s.Models;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Storage;

/// <summary>
/// An operator upgraded in the middle of a roll: the previous build (its own actor runtime, before
/// the Orleans port) wrote the coordinator's operation; the Orleans build must read it where and as
/// it was written, or it would start the roll again and restart nodes a second time. The previous
/// build's record is pinned below as it wrote it (checked byte for byte against that build's
/// provider while both existed, commit 260bf85), in a ConfigMap made as it made them.
/// </summary>
public sealed class UpgradeTests(StorageApi api) : IClassFixture<StorageApi>
{
    private static GrainId Coordinator(string cluster) => GrainId.Create("coordinator", $"{StorageApi.Namespace}/{cluster}");

    private KubernetesGrainStorage Current => new(api.Client, new ClusterStateLocator(api.Client), new StoredStateJson(), "kafka-operator");

    private static OperationState RollingBroker(int ordinal, string uid) =>
        new(OperationKind.Roll, new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero),
            [new PodDeletion(NodeKey.Broker(ordinal), uid, DeletionCause.Roll, "9c1e")]);

    /// <summary>The ConfigMap as the previous build created it: beside the cluster, owned by it, the operator's labels, one key per state.</summary>
    private async Task<V1ConfigMap> WriteAsPreviousBuildAsync(string cluster, string uid) =>
        await api.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{cluster}-operator-state",
                NamespaceProperty = StorageApi.Namespace,
                Labels = new Dictionary<string, string>(OperatorLabels.Cluster(new ClusterIdentity(StorageApi.Namespace, cluster), "operator-state")),
                OwnerReferences = [new ClusterOwner(cluster, uid).Reference()],
            },
            Data = new Dictionary<string, string> { ["operation"] = PinnedRecord },
        }, StorageApi.Namespace, fieldManager: "kafka-operator");

    [Fact]
    public async Task The_Orleans_build_reads_the_operation_the_previous_build_persisted_mid_roll()
    {
        var uid = await api.CreateClusterAsync("read");
        var written = await WriteAsPreviousBuildAsync("read", uid);

        var read = new GrainState<CoordinatorState>();
        await Current.ReadStateAsync("operation", Coordinator("read"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.Metadata.ResourceVersion, read.ETag);
        var operation = read.State!.Operation;
        Assert.NotNull(operation);
        Assert.Equal(OperationKind.Roll, operation.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), operation.StartedAt);
        Assert.Equal(new PodDeletion(NodeKey.Broker(2), "uid-broker-2", DeletionCause.Roll, "9c1e"), Assert.Single(operation.Deletions));
    }

    [Fact]
    public async Task The_Orleans_build_continues_the_record_keeping_its_owner_and_labels_in_the_same_format()
    {
        var uid = await api.CreateClusterAsync("continue");
        var before = await WriteAsPreviousBuildAsync("continue", uid);

        var current = new GrainState<CoordinatorState>();
        await Current.ReadStateAsync("operation", Coordinator("continue"), current);
        current.State!.Operation = RollingBroker(1, "uid-broker-1");
        await Current.WriteStateAsync("operation", Coordinator("continue"), current);

        var after = await api.Client.CoreV1.ReadNamespacedConfigMapAsync("continue-operator-state", StorageApi.Namespace);
        Assert.Equal(current.ETag, after.Metadata.ResourceVersion);
        Assert.NotEqual(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal(uid, Assert.Single(after.Metadata.OwnerReferences!).Uid);
        Assert.Equal(before.Metadata.Labels, after.Metadata.Labels);
        // Written back the way the previous build wrote it, so a roll back to it (or an old replica) reads it too.
        Assert.Equal(PinnedRecord.Replace("\"ordinal\":2", "\"ordinal\":1").Replace("uid-broker-2", "uid-broker-1"), after.Data["operation"]);
    }

    /// <summary>The coordinator's state as the previous build writes it: broker 2 deleted for revision 9c1e.</summary>
    private const string PinnedRecord =
        """
        {"operation":{"kind":"Roll","startedAt":"2026-11-22T01:00:00+00:00","deletions":[{"node":{"role":"Broker","ordinal":2},"podUid":"uid-broker-2","cause":"Roll","revision":"9c1e"}]}}
        """;
}
