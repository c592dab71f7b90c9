using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Http;

public sealed class PatchTests : EmulatorTest
{
    [Fact]
    public async Task A_merge_patch_merges_objects_and_null_removes_a_key()
    {
        var cm = Objects.ConfigMap("a");
        cm["data"]!["gone"] = "x";
        await Create(ConfigMaps, cm);
        var patched = Api.Ok(await Api.Patch($"{ConfigMaps}/a", "application/merge-patch+json", """{"data":{"new":"1","gone":null}}"""));
        Assert.Equal("v", patched.Text("data", "k"));
        Assert.Equal("1", patched.Text("data", "new"));
        Assert.Null(patched["data"]!["gone"]);
    }

    [Fact]
    public async Task A_json_patch_applies_operations_in_order_and_a_failed_test_changes_nothing()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        var patched = Api.Ok(await Api.Patch($"{ConfigMaps}/a", "application/json-patch+json",
            """[{"op":"add","path":"/data/x","value":"1"},{"op":"replace","path":"/data/k","value":"w"},{"op":"remove","path":"/data/x"}]"""));
        Assert.Equal("w", patched.Text("data", "k"));
        Assert.Null(patched["data"]!["x"]);
        var failed = await Api.Patch($"{ConfigMaps}/a", "application/json-patch+json",
            """[{"op":"replace","path":"/data/k","value":"z"},{"op":"test","path":"/data/k","value":"nope"}]""");
        Assert.Equal(422, failed.Code);
        Assert.Equal("w", (await Find(ConfigMaps, "a")).Text("data", "k"));
    }

    [Fact]
    public async Task A_strategic_merge_patch_merges_containers_and_env_by_name()
    {
        var pod = Objects.Pod("p");
        pod["spec"]!["containers"]![0]!["env"] = new JsonArray(new JsonObject { ["name"] = "A", ["value"] = "1" });
        pod["spec"]!["containers"]!.AsArray().Add(new JsonObject { ["name"] = "sidecar", ["image"] = "busybox" });
        await Create(Pods, pod);
        var patched = Api.Ok(await Api.Patch($"{Pods}/p", "application/strategic-merge-patch+json",
            """{"spec":{"containers":[{"name":"kafka","image":"apache/kafka:4.0.0","env":[{"name":"B","value":"2"}]}]}}"""));
        var containers = patched["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("apache/kafka:4.0.0", containers[0].Text("image"));
        Assert.Equal(["A", "B"], containers[0]!["env"]!.AsArray().Select(e => e.Text("name")));
        Assert.Equal("busybox", containers[1].Text("image"));

        var deleted = Api.Ok(await Api.Patch($"{Pods}/p", "application/strategic-merge-patch+json",
            """{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}"""));
        Assert.Single(deleted["spec"]!["containers"]!.AsArray());
    }

    [Fact]
    public async Task A_strategic_merge_patch_on_a_custom_resource_is_an_unsupported_media_type()
    {
        await InstallCrd();
        await Create(Clusters, Objects.KafkaCluster("demo", 3));
        var r = await Api.Patch($"{Clusters}/demo", "application/strategic-merge-patch+json", """{"spec":{"replicas":4}}""");
        Assert.Equal(415, r.Code);
        Assert.Equal("UnsupportedMediaType", r.Reason);
    }

    [Fact]
    public async Task Patching_a_missing_object_is_NotFound()
    {
        var r = await Api.Patch($"{ConfigMaps}/missing", "application/merge-patch+json", """{"data":{"a":"b"}}""");
        Assert.Equal(404, r.Code);
    }
}
