using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Http;

public sealed class ObjectSemanticsTests : EmulatorTest
{
    [Fact]
    public async Task Create_assigns_uid_creation_time_generation_and_a_growing_resource_version()
    {
        var a = await Create(ConfigMaps, Objects.ConfigMap("a"));
        var b = await Create(ConfigMaps, Objects.ConfigMap("b"));
        Assert.False(string.IsNullOrEmpty(a.Text("metadata", "uid")));
        Assert.NotEqual(a.Text("metadata", "uid"), b.Text("metadata", "uid"));
        Assert.NotNull(a.Text("metadata", "creationTimestamp"));
        Assert.Equal("1", a.Text("metadata", "generation"));
        Assert.True(long.Parse(b.Text("metadata", "resourceVersion")!) > long.Parse(a.Text("metadata", "resourceVersion")!));
    }

    [Fact]
    public async Task Creating_an_existing_name_is_AlreadyExists()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        var r = await Api.Post(ConfigMaps, Objects.ConfigMap("a"));
        Assert.Equal(409, r.Code);
        Assert.Equal("AlreadyExists", r.Reason);
    }

    [Fact]
    public async Task Updating_with_a_stale_resource_version_is_a_Conflict()
    {
        var first = await Create(ConfigMaps, Objects.ConfigMap("a"));
        var fresh = first.DeepClone().AsObject();
        fresh["data"]!["k"] = "v2";
        Api.Ok(await Api.Put($"{ConfigMaps}/a", fresh));
        var stale = first.DeepClone().AsObject();
        stale["data"]!["k"] = "v3";
        var r = await Api.Put($"{ConfigMaps}/a", stale);
        Assert.Equal(409, r.Code);
        Assert.Equal("Conflict", r.Reason);
        Assert.Equal("v2", (await Find(ConfigMaps, "a")).Text("data", "k"));
    }

    [Fact]
    public async Task A_custom_resource_put_without_resource_version_is_Invalid()
    {
        await InstallCrd();
        await Create(Clusters, Objects.KafkaCluster("demo", 3));
        var r = await Api.Put($"{Clusters}/demo", Objects.KafkaCluster("demo", 4));
        Assert.Equal(422, r.Code);
        Assert.Equal("metadata.resourceVersion", r.Object["details"]!["causes"]![0].Text("field"));
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_NotFound()
    {
        var r = await Api.Post("/api/v1/namespaces/nowhere/configmaps", Objects.ConfigMap("a"));
        Assert.Equal(404, r.Code);
        Assert.Contains("namespaces \"nowhere\" not found", r.Object.Text("message"));
    }

    [Fact]
    public async Task Generation_bumps_on_spec_changes_only()
    {
        await InstallCrd();
        var created = await Create(Clusters, Objects.KafkaCluster("demo", 3));
        var labelled = Api.Ok(await Api.Patch($"{Clusters}/demo", "application/merge-patch+json", """{"metadata":{"labels":{"team":"a"}}}"""));
        Assert.Equal("1", labelled.Text("metadata", "generation"));
        Assert.NotEqual(created.Text("metadata", "resourceVersion"), labelled.Text("metadata", "resourceVersion"));
        var scaled = Api.Ok(await Api.Patch($"{Clusters}/demo", "application/merge-patch+json", """{"spec":{"replicas":5}}"""));
        Assert.Equal("2", scaled.Text("metadata", "generation"));
        var status = Api.Ok(await Api.Patch($"{Clusters}/demo/status", "application/merge-patch+json", """{"status":{"phase":"Running"}}"""));
        Assert.Equal("2", status.Text("metadata", "generation"));
    }

    [Fact]
    public async Task The_status_subresource_ignores_spec_and_the_main_resource_ignores_status()
    {
        await InstallCrd();
        await Create(Clusters, Objects.KafkaCluster("demo", 3));
        Api.Ok(await Api.Patch($"{Clusters}/demo/status", "application/merge-patch+json", """{"spec":{"replicas":9},"status":{"phase":"Running"}}"""));
        Api.Ok(await Api.Patch($"{Clusters}/demo", "application/merge-patch+json", """{"status":{"phase":"Hacked"}}"""));
        var stored = await Find(Clusters, "demo");
        Assert.Equal("3", stored.Text("spec", "replicas"));
        Assert.Equal("Running", stored.Text("status", "phase"));
    }

    [Fact]
    public async Task Schema_defaults_are_applied_to_custom_resources()
    {
        await InstallCrd();
        var created = await Create(Clusters, Objects.KafkaCluster("demo", 3));
        Assert.Equal("3.9.0", created.Text("spec", "version"));
    }

    [Fact]
    public async Task A_custom_resource_that_breaks_its_schema_is_Invalid_with_field_paths()
    {
        await InstallCrd();
        var missing = Objects.KafkaCluster("demo", 3);
        missing["spec"] = new JsonObject { ["version"] = "3.9.0" };
        var r = await Api.Post(Clusters, missing);
        Assert.Equal(422, r.Code);
        Assert.Equal("Invalid", r.Reason);
        var cause = r.Object["details"]!["causes"]![0]!;
        Assert.Equal("spec.replicas", cause.Text("field"));
        Assert.Equal("FieldValueRequired", cause.Text("reason"));

        var wrongType = Objects.KafkaCluster("demo", 3);
        wrongType["spec"]!["replicas"] = "three";
        var typed = await Api.Post(Clusters, wrongType);
        Assert.Equal(422, typed.Code);
        Assert.Contains("must be of type integer", typed.Object.Text("message"));

        var tooSmall = await Api.Post(Clusters, Objects.KafkaCluster("demo", 0));
        Assert.Equal(422, tooSmall.Code);
        Assert.Null(await Find(Clusters, "demo"));
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_and_rejected_under_strict_field_validation()
    {
        await InstallCrd();
        var obj = Objects.KafkaCluster("demo", 3);
        obj["spec"]!["color"] = "blue";
        var strict = await Api.Post(Clusters + "?fieldValidation=Strict", obj);
        Assert.Equal(400, strict.Code);
        Assert.Contains("unknown field \"spec.color\"", strict.Object.Text("message"));
        var pruned = await Create(Clusters, obj);
        Assert.Null(pruned["spec"]!["color"]);
    }

    [Fact]
    public async Task Dry_run_validates_and_answers_without_storing()
    {
        var r = await Api.Post(ConfigMaps + "?dryRun=All", Objects.ConfigMap("a"));
        Assert.Equal(201, r.Code);
        Assert.Null(await Find(ConfigMaps, "a"));
        await Create(ConfigMaps, Objects.ConfigMap("b"));
        var before = await Find(ConfigMaps, "b");
        Api.Ok(await Api.Patch($"{ConfigMaps}/b?dryRun=All", "application/merge-patch+json", """{"data":{"k":"changed"}}"""));
        Api.Ok(await Api.Delete($"{ConfigMaps}/b?dryRun=All"));
        Assert.Equal(before!.ToJsonString(), (await Find(ConfigMaps, "b"))!.ToJsonString());
    }

    [Fact]
    public async Task Generate_name_gives_a_unique_name_with_the_prefix()
    {
        var obj = Objects.ConfigMap("");
        obj["metadata"]!.AsObject().Remove("name");
        obj["metadata"]!["generateName"] = "cfg-";
        var created = await Create(ConfigMaps, obj);
        Assert.StartsWith("cfg-", created.Text("metadata", "name"));
        Assert.Equal(9, created.Text("metadata", "name")!.Length);
    }

    [Fact]
    public async Task A_service_gets_a_cluster_ip_and_a_pod_starts_pending()
    {
        var svc = await Create("/api/v1/namespaces/default/services", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "kafka" },
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 9092 }) },
        });
        Assert.StartsWith("10.96.", svc.Text("spec", "clusterIP"));
        var pod = await Create(Pods, Objects.Pod("p"));
        Assert.Equal("Pending", pod.Text("status", "phase"));
    }
}

public sealed class DirectReadTests : EmulatorTest
{
    [Fact]
    public async Task Tests_can_read_stored_objects_directly_as_copies()
    {
        await InstallCrd();
        await Create(Clusters, Objects.KafkaCluster("demo", 3));
        var copy = Emulator.GetObject("kafkaclusters", "default", "demo", "kafka.actors.dev")!;
        Assert.Equal("3", copy.Text("spec", "replicas"));
        copy["spec"]!["replicas"] = 99;
        Assert.Equal("3", Emulator.GetObject("kafkaclusters", "default", "demo", "kafka.actors.dev").Text("spec", "replicas"));
        Assert.Contains(Emulator.ListObjects("namespaces"), n => n.Text("metadata", "name") == "kube-system");
        Assert.Null(Emulator.GetObject("pods", "default", "missing"));
    }
}
