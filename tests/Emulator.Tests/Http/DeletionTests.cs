using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Emulator.Tests.Http;

public sealed class DeletionTests : EmulatorTest
{
    readonly FakeTimeProvider clock = new(TestTime.Start);
    protected override EmulatorOptions Options() => new() { TimeProvider = clock };

    [Fact]
    public async Task A_finalizer_holds_the_object_with_a_deletion_timestamp_until_it_is_removed()
    {
        var cm = Objects.ConfigMap("a");
        cm["metadata"]!["finalizers"] = new JsonArray("kafka.actors.dev/cleanup");
        await Create(ConfigMaps, cm);
        var deleting = Api.Ok(await Api.Delete($"{ConfigMaps}/a"));
        Assert.NotNull(deleting.Text("metadata", "deletionTimestamp"));
        Assert.NotNull(await Find(ConfigMaps, "a"));

        Api.Ok(await Api.Patch($"{ConfigMaps}/a", "application/merge-patch+json", """{"metadata":{"finalizers":null}}"""));
        Assert.Null(await Find(ConfigMaps, "a"));
    }

    [Fact]
    public async Task No_new_finalizer_may_be_added_to_an_object_being_deleted()
    {
        var cm = Objects.ConfigMap("a");
        cm["metadata"]!["finalizers"] = new JsonArray("first");
        await Create(ConfigMaps, cm);
        Api.Ok(await Api.Delete($"{ConfigMaps}/a"));
        var r = await Api.Patch($"{ConfigMaps}/a", "application/merge-patch+json", """{"metadata":{"finalizers":["first","second"]}}""");
        Assert.Equal(422, r.Code);
        Assert.Equal("metadata.finalizers", r.Object["details"]!["causes"]![0].Text("field"));
    }

    [Fact]
    public async Task A_pod_on_a_node_terminates_gracefully_and_goes_when_deleted_with_grace_zero()
    {
        await Create(Pods, Objects.Pod("p", node: "node-1"));
        var terminating = Api.Ok(await Api.Delete($"{Pods}/p"));
        Assert.Equal("30", terminating.Text("metadata", "deletionGracePeriodSeconds"));
        Assert.NotNull(await Find(Pods, "p"));
        Api.Ok(await Api.Delete($"{Pods}/p?gracePeriodSeconds=0"));
        Assert.Null(await Find(Pods, "p"));
    }

    [Fact]
    public async Task A_terminating_pod_is_removed_once_its_grace_period_elapses()
    {
        await Create(Pods, Objects.Pod("p", node: "node-1"));
        Api.Ok(await Api.Delete($"{Pods}/p", new JsonObject { ["gracePeriodSeconds"] = 10 }));
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.NotNull(await Find(Pods, "p"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Find(Pods, "p"));
    }

    [Fact]
    public async Task A_pod_not_bound_to_a_node_is_deleted_at_once()
    {
        await Create(Pods, Objects.Pod("p"));
        Api.Ok(await Api.Delete($"{Pods}/p"));
        Assert.Null(await Find(Pods, "p"));
    }

    [Fact]
    public async Task Deleting_an_owner_collects_its_dependents_in_the_background()
    {
        await InstallCrd();
        var owner = await Create(Clusters, Objects.KafkaCluster("demo", 3));
        await Create(ConfigMaps, Objects.ConfigMap("owned", owners: Objects.OwnedBy(owner)));
        await Create(ConfigMaps, Objects.ConfigMap("free"));
        Api.Ok(await Api.Delete($"{Clusters}/demo"));
        Assert.Null(await Find(ConfigMaps, "owned"));
        Assert.NotNull(await Find(ConfigMaps, "free"));
    }

    [Fact]
    public async Task A_dependent_with_another_living_owner_survives_and_loses_the_dangling_reference()
    {
        var a = await Create(ConfigMaps, Objects.ConfigMap("owner-a"));
        var b = await Create(ConfigMaps, Objects.ConfigMap("owner-b"));
        var refs = Objects.OwnedBy(a);
        refs.Add(Objects.OwnedBy(b)[0]!.DeepClone());
        await Create(ConfigMaps, Objects.ConfigMap("shared", owners: refs));
        Api.Ok(await Api.Delete($"{ConfigMaps}/owner-a"));
        var shared = await Find(ConfigMaps, "shared");
        Assert.NotNull(shared);
        Assert.Single(shared!["metadata"]!["ownerReferences"]!.AsArray());
        Assert.Equal("owner-b", shared["metadata"]!["ownerReferences"]![0].Text("name"));
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        var owner = await Create(ConfigMaps, Objects.ConfigMap("owner"));
        var pod = Objects.Pod("worker", node: "node-1");
        pod["metadata"]!["ownerReferences"] = Objects.OwnedBy(owner, blockOwnerDeletion: true);
        await Create(Pods, pod);
        var deleting = Api.Ok(await Api.Delete($"{ConfigMaps}/owner", new JsonObject { ["propagationPolicy"] = "Foreground" }));
        Assert.Contains("foregroundDeletion", deleting["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.NotNull(await Find(ConfigMaps, "owner"));
        Assert.NotNull((await Find(Pods, "worker")).Text("metadata", "deletionTimestamp"));

        Api.Ok(await Api.Delete($"{Pods}/worker?gracePeriodSeconds=0"));
        Assert.Null(await Find(Pods, "worker"));
        Assert.Null(await Find(ConfigMaps, "owner"));
    }

    [Fact]
    public async Task Orphan_deletion_leaves_dependents_without_the_owner_reference()
    {
        var owner = await Create(ConfigMaps, Objects.ConfigMap("owner"));
        await Create(ConfigMaps, Objects.ConfigMap("child", owners: Objects.OwnedBy(owner)));
        Api.Ok(await Api.Delete($"{ConfigMaps}/owner?propagationPolicy=Orphan"));
        Assert.Null(await Find(ConfigMaps, "owner"));
        var child = await Find(ConfigMaps, "child");
        Assert.NotNull(child);
        Assert.Null(child!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_contents_and_then_itself()
    {
        await Create("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team" } });
        await Create("/api/v1/namespaces/team/configmaps", Objects.ConfigMap("a"));
        await Create("/api/v1/namespaces/team/pods", Objects.Pod("p", node: "node-1"));
        var deleting = Api.Ok(await Api.Delete("/api/v1/namespaces/team"));
        Assert.Equal("Terminating", deleting.Text("status", "phase"));
        Assert.Null(await Find("/api/v1/namespaces/team/configmaps", "a"));
        var blocked = await Api.Post("/api/v1/namespaces/team/configmaps", Objects.ConfigMap("late"));
        Assert.Equal(403, blocked.Code);

        Api.Ok(await Api.Delete("/api/v1/namespaces/team/pods/p?gracePeriodSeconds=0"));
        Assert.Equal(404, (await Api.Get("/api/v1/namespaces/team")).Code);
    }

    [Fact]
    public async Task A_stale_uid_precondition_refuses_the_delete()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        var r = await Api.Delete($"{ConfigMaps}/a", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = "other" } });
        Assert.Equal(409, r.Code);
        Assert.NotNull(await Find(ConfigMaps, "a"));
    }

    [Fact]
    public async Task Delete_collection_removes_only_the_selected_objects()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a", labels: new JsonObject { ["app"] = "kafka" }));
        await Create(ConfigMaps, Objects.ConfigMap("b", labels: new JsonObject { ["app"] = "zk" }));
        Api.Ok(await Api.Delete($"{ConfigMaps}?labelSelector=app%3Dkafka"));
        Assert.Null(await Find(ConfigMaps, "a"));
        Assert.NotNull(await Find(ConfigMaps, "b"));
    }
}
