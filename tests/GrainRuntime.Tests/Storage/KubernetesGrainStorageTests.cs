using Actors.GrainRuntime.Tests.Support;
using Actors.Grains.State;
using Actors.Storage.GrainState;
using k8s;
using k8s.Models;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.GrainRuntime.Tests.Storage;

/// <summary>
/// The provider's contract against the emulator's API semantics: resourceVersion as the ETag,
/// every change conditional on it, and a stale one surfacing as Orleans' InconsistentStateException.
/// </summary>
public sealed class KubernetesGrainStorageTests(StorageApi api) : IClassFixture<StorageApi>
{
    private KubernetesGrainStorage Storage => new(api.Client, new ClusterStateLocator(api.Client), new StoredStateJson(), "kafka-operator");

    private static GrainId Grain(string cluster) => GrainId.Create("coordinator", $"{StorageApi.Namespace}/{cluster}");

    private static GrainState<Position> Holding(string revision) => new(new Position { Revision = revision });

    public sealed class Position
    {
        public string? Revision { get; set; }
    }

    private Task<V1ConfigMap> MapOf(string cluster) => api.Client.CoreV1.ReadNamespacedConfigMapAsync($"{cluster}-operator-state", StorageApi.Namespace);

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_object_with_no_etag()
    {
        var read = new GrainState<Position>();

        await Storage.ReadStateAsync("rollout", Grain("never"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Null(read.State.Revision);
    }

    [Fact]
    public async Task Each_write_takes_the_configmaps_new_resource_version_as_etag()
    {
        var state = Holding("7f3a");
        await Storage.WriteStateAsync("rollout", Grain("versions"), state);
        var first = state.ETag;
        state.State!.Revision = "9c1e";
        await Storage.WriteStateAsync("rollout", Grain("versions"), state);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal((await MapOf("versions")).Metadata.ResourceVersion, state.ETag);
    }

    [Fact]
    public async Task A_write_over_a_stale_etag_fails_and_keeps_the_newer_record()
    {
        var mine = Holding("7f3a");
        await Storage.WriteStateAsync("rollout", Grain("stale"), mine);
        var theirs = new GrainState<Position>();
        await Storage.ReadStateAsync("rollout", Grain("stale"), theirs);
        theirs.State!.Revision = "theirs";
        await Storage.WriteStateAsync("rollout", Grain("stale"), theirs);

        mine.State!.Revision = "mine";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("rollout", Grain("stale"), mine));

        Assert.Contains("theirs", (await MapOf("stale")).Data["rollout"]);
    }

    [Fact]
    public async Task Two_first_writes_race_and_only_one_creates_the_record()
    {
        await Storage.WriteStateAsync("rollout", Grain("race"), Holding("one"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("rollout", Grain("race"), Holding("two")));

        Assert.Contains("one", (await MapOf("race")).Data["rollout"]);
    }

    [Fact]
    public async Task Clearing_over_a_stale_etag_fails_and_deletes_nothing()
    {
        var mine = Holding("7f3a");
        await Storage.WriteStateAsync("rollout", Grain("clear-stale"), mine);
        var theirs = new GrainState<Position>();
        await Storage.ReadStateAsync("rollout", Grain("clear-stale"), theirs);
        // A changed value: like kube-apiserver, the emulator keeps the resourceVersion of a no-op write.
        theirs.State!.Revision = "theirs";
        await Storage.WriteStateAsync("rollout", Grain("clear-stale"), theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("rollout", Grain("clear-stale"), mine));

        Assert.True((await MapOf("clear-stale")).Data.ContainsKey("rollout"));
    }

    [Fact]
    public async Task Clearing_one_state_keeps_the_other_states_of_the_same_configmap()
    {
        var rollout = Holding("7f3a");
        await Storage.WriteStateAsync("rollout", Grain("shared"), rollout);
        var other = new GrainState<Position>();
        await Storage.ReadStateAsync("other", Grain("shared"), other);
        other.State!.Revision = "kept";
        await Storage.WriteStateAsync("other", Grain("shared"), other);
        await Storage.ReadStateAsync("rollout", Grain("shared"), rollout);

        await Storage.ClearStateAsync("rollout", Grain("shared"), rollout);

        var map = await MapOf("shared");
        Assert.False(map.Data.ContainsKey("rollout"));
        Assert.Contains("kept", map.Data["other"]);
        Assert.False(rollout.RecordExists);
        Assert.Equal(map.Metadata.ResourceVersion, rollout.ETag);
    }
}
