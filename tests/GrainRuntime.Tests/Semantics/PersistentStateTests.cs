using Actors.GrainRuntime.Tests.Grains;
using Actors.GrainRuntime.Tests.Support;
using k8s;
using Orleans.Storage;

namespace Actors.GrainRuntime.Tests.Semantics;

/// <summary>
/// [PersistentState] through the Kubernetes grain storage on a real silo: a new activation (an
/// operator restart) resumes from what the last one wrote, and a record changed by anyone else
/// (a second operator) refuses the write instead of being overwritten.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class PersistentStateTests(SharedSilo shared)
{
    private OrleansSilo Silo => shared.Silo;
    private IKubernetes Api => shared.Kubernetes;

    [Fact]
    public async Task A_new_activation_resumes_from_the_position_the_last_one_wrote()
    {
        var grain = Silo.Get<IRolloutPositionGrain>($"{SharedSilo.Namespace}/resume");
        await grain.Restarted(2, "9c1e");
        await grain.Restarted(1, "9c1e");
        await grain.Deactivate();

        var position = await grain.Position();

        Assert.True(position.RecordExists);
        Assert.Equal("9c1e", position.Revision);
        Assert.Equal([2, 1], position.Restarted);
        var map = await Api.CoreV1.ReadNamespacedConfigMapAsync("resume-operator-state", SharedSilo.Namespace);
        Assert.Equal(map.Metadata.ResourceVersion, position.ETag);
        Assert.Contains("\"restarted\":[2,1]", map.Data["rollout"]);
    }

    [Fact]
    public async Task A_write_over_a_record_someone_else_changed_fails_with_InconsistentStateException()
    {
        var grain = Silo.Get<IRolloutPositionGrain>($"{SharedSilo.Namespace}/contested");
        await grain.Restarted(2, "9c1e");

        // A second operator records its own step in the same ConfigMap.
        var map = await Api.CoreV1.ReadNamespacedConfigMapAsync("contested-operator-state", SharedSilo.Namespace);
        map.Data["rollout"] = """{"revision":"9c1e","restarted":[2,1]}""";
        await Api.CoreV1.ReplaceNamespacedConfigMapAsync(map, map.Metadata.Name, map.Metadata.NamespaceProperty);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Restarted(0, "9c1e").Within());

        // Orleans drops an activation whose storage reported a conflict: the next one reads the newer record.
        var after = await Eventually.UntilAsync(async () => await grain.Position() is { Restarted.Count: 2 } p ? p : null,
            "a new activation reads the other operator's record");
        Assert.Equal([2, 1], after.Restarted);
    }

    [Fact]
    public async Task Clearing_the_state_deletes_its_configmap()
    {
        var grain = Silo.Get<IRolloutPositionGrain>($"{SharedSilo.Namespace}/cleared");
        await grain.Restarted(0, "7f3a");

        await grain.Forget();

        var position = await grain.Position();
        Assert.False(position.RecordExists);
        Assert.Null(position.ETag);
        var maps = await Api.CoreV1.ListNamespacedConfigMapAsync(SharedSilo.Namespace, fieldSelector: "metadata.name=cleared-operator-state");
        Assert.Empty(maps.Items);
    }
}
