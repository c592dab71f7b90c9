using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Http;

public sealed class ServerSideApplyTests : EmulatorTest
{
    const string ApplyType = "application/apply-patch+yaml";

    Task<Support.Api.Reply> Apply(string name, string body, string manager, bool force = false) =>
        Api.Patch($"{Clusters}/{name}?fieldManager={manager}{(force ? "&force=true" : "")}", ApplyType, body);

    static string Config(int replicas, string extra = "") => $$"""
        apiVersion: kafka.actors.dev/v1alpha1
        kind: KafkaCluster
        metadata:
          name: demo
        spec:
          replicas: {{replicas}}
        {{extra}}
        """;

    static IEnumerable<JsonObject> Entries(JsonObject o) => o["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>();

    [Fact]
    public async Task Apply_creates_an_absent_object_and_records_the_manager()
    {
        await InstallCrd();
        var r = await Apply("demo", Config(3), "gitops");
        Assert.True(r.Code == 201, r.Text);
        var entry = Entries(r.Object).Single(e => e.Text("manager") == "gitops");
        Assert.Equal("Apply", entry.Text("operation"));
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.Equal("3", (await Find(Clusters, "demo")).Text("spec", "replicas"));
    }

    [Fact]
    public async Task Apply_accepts_a_json_body()
    {
        await InstallCrd();
        var r = await Apply("demo", Objects.KafkaCluster("demo", 2).ToJsonString(), "gitops");
        Assert.Equal(201, r.Code);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_a_bad_request()
    {
        await InstallCrd();
        var r = await Api.Patch($"{Clusters}/demo", ApplyType, Config(3));
        Assert.Equal(400, r.Code);
    }

    [Fact]
    public async Task A_field_owned_by_another_manager_with_another_value_conflicts_unless_forced()
    {
        await InstallCrd();
        Api.Ok(await Apply("demo", Config(3), "gitops"));
        var conflict = await Apply("demo", Config(5), "operator");
        Assert.Equal(409, conflict.Code);
        Assert.Contains("conflict with \"gitops\"", conflict.Object.Text("message"));
        Assert.Equal(".spec.replicas", conflict.Object["details"]!["causes"]![0].Text("field"));
        Assert.Equal("3", (await Find(Clusters, "demo")).Text("spec", "replicas"));

        var forced = Api.Ok(await Apply("demo", Config(5), "operator", force: true));
        Assert.Equal("5", forced.Text("spec", "replicas"));
        Assert.DoesNotContain(Entries(forced), e => e.Text("manager") == "gitops" && e["fieldsV1"]!["f:spec"]?["f:replicas"] is not null);
    }

    [Fact]
    public async Task The_same_value_is_shared_without_conflict()
    {
        await InstallCrd();
        Api.Ok(await Apply("demo", Config(3), "gitops"));
        var shared = Api.Ok(await Apply("demo", Config(3), "operator"));
        Assert.Equal(2, Entries(shared).Count(e => e["fieldsV1"]!["f:spec"]?["f:replicas"] is not null));
    }

    [Fact]
    public async Task A_field_the_manager_stops_applying_is_removed()
    {
        await InstallCrd();
        Api.Ok(await Apply("demo", Config(3, "  version: 3.8.0"), "gitops"));
        Assert.Equal("3.8.0", (await Find(Clusters, "demo")).Text("spec", "version"));
        var after = Api.Ok(await Apply("demo", Config(3), "gitops"));
        // Removed by apply, then defaulted again by the schema, as on a real API server.
        Assert.Equal("3.9.0", after.Text("spec", "version"));
    }

    [Fact]
    public async Task Keyed_list_items_are_merged_by_key_across_managers()
    {
        await InstallCrd();
        Api.Ok(await Apply("demo", Config(3, "  listeners:\n  - name: plain\n    port: 9092"), "a"));
        var merged = Api.Ok(await Apply("demo", Config(3, "  listeners:\n  - name: tls\n    port: 9093"), "b"));
        Assert.Equal(["plain", "tls"], merged["spec"]!["listeners"]!.AsArray().Select(l => l.Text("name")));
    }

    [Fact]
    public async Task Apply_to_the_status_subresource_changes_only_status()
    {
        await InstallCrd();
        Api.Ok(await Apply("demo", Config(3), "gitops"));
        var r = await Api.Patch($"{Clusters}/demo/status?fieldManager=operator", ApplyType,
            "apiVersion: kafka.actors.dev/v1alpha1\nkind: KafkaCluster\nmetadata:\n  name: demo\nspec:\n  replicas: 9\nstatus:\n  phase: Running\n");
        var o = Api.Ok(r);
        Assert.Equal("Running", o.Text("status", "phase"));
        Assert.Equal("3", o.Text("spec", "replicas"));
    }
}
